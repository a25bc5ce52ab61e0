using LlamaWoolFarm.Storage.Operations;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Storage.Tests.Operations;

/// <summary>The contract on a real SQLite file; the other instance opens the same file, as after a restart.</summary>
public sealed class SqliteOperationsStateStoreTests : OperationsStateStoreContract
{
    private readonly string _path = Path.Combine(TestServers.NewDataFolder(), "operations.db");

    protected override IOperationsStateStore CreateStore() => new SqliteOperationsStateStore(_path);

    protected override IOperationsStateStore OtherInstance(IOperationsStateStore store) => new SqliteOperationsStateStore(_path);
}
