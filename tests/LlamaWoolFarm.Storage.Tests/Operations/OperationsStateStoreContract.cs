using LlamaWoolFarm.Storage.Operations;

namespace LlamaWoolFarm.Storage.Tests.Operations;

/// <summary>What every operations-state adapter must do, checked on the real store.</summary>
public abstract class OperationsStateStoreContract
{
    /// <summary>A store of its own for one test (an empty namespace).</summary>
    protected abstract IOperationsStateStore CreateStore();

    /// <summary>Another process's view of the same store (a second gateway instance).</summary>
    protected abstract IOperationsStateStore OtherInstance(IOperationsStateStore store);

    [Fact]
    public async Task Entries_are_set_replaced_read_and_removed_per_section()
    {
        var store = CreateStore();
        Assert.Empty(await store.GetAllAsync("features"));

        await store.SetAsync("features", "NewShop", "{\"enabled\":true}");
        await store.SetAsync("features", "NewShop", "{\"enabled\":false}");
        await store.SetAsync("features", "NightMarket", "{}");
        await store.SetAsync("maintenance", "window", "{\"message\":\"m\"}");

        var features = await store.GetAllAsync("features");
        Assert.Equal(2, features.Count);
        Assert.Equal("{\"enabled\":false}", features["NewShop"]);
        Assert.Equal("{\"message\":\"m\"}", Assert.Single(await store.GetAllAsync("maintenance")).Value);

        Assert.True(await store.RemoveAsync("features", "NewShop"));
        Assert.False(await store.RemoveAsync("features", "NewShop"));
        Assert.Equal("NightMarket", Assert.Single(await store.GetAllAsync("features")).Key);
    }

    [Fact]
    public async Task Another_instance_sees_what_one_wrote()
    {
        var store = CreateStore();
        var other = OtherInstance(store);
        await store.SetAsync("maintenance", "window", "{\"message\":\"shared\"}");
        Assert.Equal("{\"message\":\"shared\"}", (await other.GetAllAsync("maintenance"))["window"]);
        Assert.True(await other.RemoveAsync("maintenance", "window"));
        Assert.Empty(await store.GetAllAsync("maintenance"));
    }
}
