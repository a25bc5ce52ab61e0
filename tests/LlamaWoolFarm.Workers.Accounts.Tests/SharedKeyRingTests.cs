using LlamaWoolFarm.Storage.Hosting;
using LlamaWoolFarm.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace LlamaWoolFarm.Workers.Accounts.Tests;

/// <summary>Where the accounts worker's Data Protection keys live, per run mode.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public void Processes_with_Redis_sessions_share_the_key_ring_through_Redis()
    {
        using var redis = ConnectionMultiplexer.Connect(TestServers.Redis);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "Server",
            ["ConnectionStrings:redis"] = TestServers.Redis,
            // Each process its own data folder: only Redis can carry the key from one to the other.
            ["Storage:DataPath"] = TestServers.NewDataFolder(),
        };

        var sealedText = Protector(settings, redis).Protect("a totp secret");
        settings["Storage:DataPath"] = TestServers.NewDataFolder();

        Assert.Equal("a totp secret", Protector(settings, redis).Unprotect(sealedText));
        Assert.True(redis.GetDatabase().ListLength(DataProtectionExtensions.RedisKey) > 0);
    }

    [Fact]
    public void Without_Redis_the_key_ring_is_a_folder_under_the_data_path()
    {
        var data = TestServers.NewDataFolder();
        var settings = new Dictionary<string, string?> { ["Storage:DataPath"] = data };

        var sealedText = Protector(settings, redis: null).Protect("a totp secret");

        Assert.Equal("a totp secret", Protector(settings, redis: null).Unprotect(sealedText));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml"));
    }

    private static IDataProtector Protector(Dictionary<string, string?> settings, IConnectionMultiplexer? redis)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        if (redis is not null)
        {
            builder.Services.AddSingleton(redis);
        }

        builder.AddSharedDataProtection();
        var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }
}
