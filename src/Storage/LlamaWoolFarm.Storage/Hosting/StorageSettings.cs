using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.Storage.Hosting;

/// <summary>
/// The storage settings in the options pattern: bound from configuration, checked (data annotations, and the rules an
/// adapter's wiring adds) when the host starts, so a wrong value stops the process with a message naming the setting.
/// While services are registered, <see cref="Read{T}"/> gives the values that choose the adapters.
/// </summary>
public static class StorageSettings
{
    /// <summary>
    /// Registers <typeparamref name="T"/> from <paramref name="section"/> once, validated at start, and injectable as
    /// itself as well as through <see cref="IOptions{TOptions}"/>.
    /// </summary>
    public static IServiceCollection AddValidated<T>(IServiceCollection services, string section)
        where T : class
    {
        if (services.Any(d => d.ServiceType == typeof(T)))
        {
            return services;
        }

        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>Registers <see cref="StorageOptions"/> (section <c>Storage</c>) once, validated at start.</summary>
    public static IServiceCollection AddStorageSettings(this IServiceCollection services) =>
        AddValidated<StorageOptions>(services, StorageOptions.SectionName);

    /// <summary>
    /// The settings of <paramref name="section"/> as configured, for choices made while registering services. A value
    /// the binder cannot convert throws here, naming the setting; the rules are checked at start.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new() => configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>The <c>Storage</c> settings as configured (see <see cref="Read{T}"/>).</summary>
    public static StorageOptions ReadStorage(IConfiguration configuration) => Read<StorageOptions>(configuration, StorageOptions.SectionName);
}
