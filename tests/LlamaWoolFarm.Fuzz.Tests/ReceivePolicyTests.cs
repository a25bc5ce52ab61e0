using System.Text.Json;
using LlamaWoolFarm.ServiceDefaults.Messaging;
using LlamaWoolFarm.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlamaWoolFarm.Fuzz.Tests;

/// <summary>A poison message reaches the _error queue after one attempt; only transient faults are retried.</summary>
public sealed class ReceivePolicyTests
{
    public static TheoryData<string, int> Faults => new()
    {
        { "argument", 1 },
        { "json", 1 },
        { "format", 1 },
        { "lone-surrogate", 1 },
        { "null-reference", 1 },
        { "concurrency", 9 },
        // What OptimisticRetry gives up with once its own attempts ran out.
        { "document-conflict", 9 },
        { "timeout", 9 },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Deterministic_faults_fail_at_once_and_transient_ones_are_retried(string fault, int attempts)
    {
        var counter = new AttemptCounter();
        var provider = await TestBus.StartAsync(s => s.AddSingleton(counter), x => x.AddConsumer<FailingConsumer>());
        await using (provider)
        {
            var harness = provider.GetRequiredService<ITestHarness>();
            var id = Guid.NewGuid();

            await harness.Bus.Publish(new PoisonProbe(id, fault));

            Assert.True(await harness.Published.Any<Fault<PoisonProbe>>(f => f.Context.Message.Message.Id == id), "the probe never faulted");
            Assert.Equal(attempts, counter.Attempts);
            await harness.Stop();
        }
    }

    [Fact]
    public void A_wrapped_transient_fault_is_transient_and_a_wrapped_bad_input_is_not()
    {
        Assert.True(TransientFaults.IsTransient(new InvalidOperationException("outer", new TimeoutException())));
        Assert.True(TransientFaults.IsTransient(new AggregateException(new ArgumentException(), new IOException())));
        Assert.False(TransientFaults.IsTransient(new AggregateException(new ArgumentException(), new FormatException())));
        Assert.False(TransientFaults.IsTransient(new System.Text.EncoderFallbackException()));
    }

    /// <summary>Counts the attempts of the one probe a test sends.</summary>
    public sealed class AttemptCounter
    {
        private int _attempts;

        public int Attempts => _attempts;

        public void Add() => Interlocked.Increment(ref _attempts);
    }

    public sealed class FailingConsumer(AttemptCounter counter) : IConsumer<PoisonProbe>
    {
        public Task Consume(ConsumeContext<PoisonProbe> context)
        {
            counter.Add();
            throw context.Message.Fault switch
            {
                "argument" => new ArgumentException("bad"),
                "json" => new JsonException("bad"),
                "format" => new FormatException("bad"),
                // The very exception a save with "\ud800" raised in the saves worker.
                "lone-surrogate" => Capture(() => JsonSerializer.Deserialize<string>("\"\\ud800\"")),
                "null-reference" => new NullReferenceException(),
                "concurrency" => new ConcurrencyException("changed", typeof(PoisonProbe), context.Message.Id),
                "document-conflict" => new LlamaWoolFarm.Storage.Documents.DocumentConflictException("changed"),
                _ => new TimeoutException("slow"),
            };
        }

        private static Exception Capture(Action action)
        {
            try
            {
                action();
                return new InvalidOperationException("expected a throw");
            }
            catch (Exception e)
            {
                return e;
            }
        }
    }
}

/// <summary>The probe a <see cref="ReceivePolicyTests.FailingConsumer"/> fails on, in the named way.</summary>
public sealed record PoisonProbe(Guid Id, string Fault);
