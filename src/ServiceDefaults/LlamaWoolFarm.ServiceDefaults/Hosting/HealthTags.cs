namespace LlamaWoolFarm.ServiceDefaults.Hosting;

/// <summary>Tags that put a health check into <c>/health/ready</c>.</summary>
public static class HealthTags
{
    /// <summary>MassTransit tags its bus check with "ready" too, so the broker is part of readiness.</summary>
    public const string Ready = "ready";
}
