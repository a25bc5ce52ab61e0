using LlamaWoolFarm.Contracts.Players;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Tests;

/// <summary>
/// The gateway with an accounts stub whose AddFriend answer the test controls: friend code <c>SLOWSLOW</c> waits
/// for <see cref="ReleaseSlow"/>, <c>FAILONCE</c> crashes on its first call; every call is counted.
/// </summary>
public sealed class IdempotencyGatewayFactory : GatewayFactory
{
    private TaskCompletionSource _slow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _addFriendCalls;
    private int _failOnceCalls;

    public IdempotencyGatewayFactory() => WithGuestSignIn().WithBus(x => x.AddHandler<AddFriend>(async context =>
    {
        Interlocked.Increment(ref _addFriendCalls);
        if (context.Message.FriendCode == "SLOWSLOW")
        {
            await _slow.Task;
        }

        if (context.Message.FriendCode == "FAILONCE" && Interlocked.Increment(ref _failOnceCalls) == 1)
        {
            throw new InvalidOperationException("The accounts stub fails this call.");
        }

        await context.RespondAsync(new FriendList(context.Message.PlayerId, [new FriendView(Guid.NewGuid(), context.Message.FriendCode)]));
    }));

    public int AddFriendCalls => Volatile.Read(ref _addFriendCalls);

    public void ReleaseSlow() => _slow.TrySetResult();

    public void ResetSlow() => _slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
}
