using LlamaWoolFarm.Storage.RateLimits;

namespace LlamaWoolFarm.Storage.Tests.RateLimits;

/// <summary>The contract on the real Redis server, whose own key expiry ends the windows (so time really passes).</summary>
public sealed class RedisAttemptCounterTests : AttemptCounterContract
{
    protected override IAttemptCounter CreateCounter() => new RedisAttemptCounter(RedisServer.Connection);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);
}
