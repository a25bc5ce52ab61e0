using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>
/// Settings in the options pattern, as every process registers them: bound from one configuration section and checked
/// when the host starts — data annotations (an <c>ErrorMessage</c> that names the setting, <c>IValidatableObject</c> for
/// rules across fields) and any <see cref="IValidateOptions{TOptions}"/> registered for the type (rules that need
/// other settings, such as a connection string) — so a misconfigured container fails at once with a message an
/// operator can act on.
/// </summary>
public static class SettingsExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> from <paramref name="section"/>, validated at start, and injectable as itself
    /// as well as through <see cref="IOptions{TOptions}"/>. A registration of <typeparamref name="T"/> made before (a
    /// test's own values) wins.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>
    /// The settings of <paramref name="section"/> as configured, for the choices made while services are registered
    /// (which transport, which adapter). A value the binder cannot convert throws here, naming the setting; the rules
    /// are checked at start by <see cref="AddSettings{T}"/>.
    /// </summary>
    public static T ReadSettings<T>(this IConfiguration configuration, string section)
        where T : class, new() => configuration.GetSection(section).Get<T>() ?? new T();

    /// <summary>A connection string with its user information replaced, for error messages.</summary>
    public static string Redact(string connection) =>
        Uri.TryCreate(connection, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? connection.Replace(uri.UserInfo, "***", StringComparison.Ordinal)
            : connection;
}
