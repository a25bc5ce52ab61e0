namespace LlamaWoolFarm.Gateway.Operations;

/// <summary>
/// Section <c>Admin</c>: where the admin page sends operators. Each link appears only when it is set (or, for the
/// scheduler dashboard, when this process mounts it).
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The RabbitMQ management UI and API, e.g. <c>http://rabbitmq:15672</c>; also where queue depths are read.</summary>
    public string? RabbitMqManagementUrl { get; set; }

    /// <summary>The management user; defaults to the user of <c>ConnectionStrings:rabbitmq</c>.</summary>
    public string? RabbitMqManagementUser { get; set; }

    /// <summary>The management password; defaults to the password of <c>ConnectionStrings:rabbitmq</c>.</summary>
    public string? RabbitMqManagementPassword { get; set; }

    /// <summary>The scheduler dashboard as operators reach it (same site as the gateway, so the dashboard cookie reaches it).</summary>
    public string? SchedulerDashboardUrl { get; set; }
}
