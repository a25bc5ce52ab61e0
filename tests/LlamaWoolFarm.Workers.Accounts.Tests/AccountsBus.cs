using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Testing;
using LlamaWoolFarm.Workers.Accounts.Services;
using MassTransit.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>The accounts module on a fresh harness, with cheap Argon2 parameters so tests stay fast.</summary>
internal static class AccountsBus
{
    public static readonly PasswordHashingOptions CheapHashing = new() { MemoryKib = 256, Iterations = 1, Parallelism = 1 };

    /// <summary>Starts the module; <paramref name="keys"/> is the Data Protection key folder (a fresh one by default).</summary>
    public static Task<ServiceProvider> StartAsync(PasswordHashingOptions? hashing = null, string? keys = null, Action<IServiceCollection>? services = null) =>
        TestBus.StartAsync(
            s =>
            {
                services?.Invoke(s);
                AccountsWorker.AddAccountServices(s, hashing ?? CheapHashing);
                s.AddDataProtection().SetApplicationName(DataProtectionExtensions.ApplicationName).PersistKeysToFileSystem(new DirectoryInfo(keys ?? TestServers.NewDataFolder()));
            },
            AccountsWorker.AddConsumers);

    public static async Task<object> AskAsync<TRequest, TOk, TRefused>(this ServiceProvider provider, TRequest request)
        where TRequest : class
        where TOk : class
        where TRefused : class
    {
        var response = await provider.GetRequiredService<ITestHarness>().GetRequestClient<TRequest>().GetResponse<TOk, TRefused>(request);
        if (response.Is(out MassTransit.Response<TOk>? ok))
        {
            return ok.Message;
        }

        return response.Is(out MassTransit.Response<TRefused>? refused) ? refused.Message : throw new InvalidOperationException("Neither response type.");
    }
}
