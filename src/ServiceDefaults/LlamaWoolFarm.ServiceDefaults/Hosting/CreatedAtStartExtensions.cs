using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Singletons that must exist from the start, such as the owners of observable gauges.</summary>
public static class CreatedAtStartExtensions
{
    /// <summary>
    /// Creates the registered singleton <typeparamref name="T"/> when the host starts rather than on first use:
    /// an observable gauge reports only while the object that made it lives, and nothing else asks for it.
    /// </summary>
    public static IServiceCollection AddCreatedAtStart<T>(this IServiceCollection services)
        where T : class =>
        services.AddHostedService(sp => new Holder<T>(sp.GetRequiredService<T>()));

    // Generic on purpose: AddHostedService skips a second registration of the same implementation type, so one
    // non-generic holder would keep only the first service asked for.
    private sealed class Holder<T>(T service) : IHostedService
    {
        public T Service { get; } = service;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
