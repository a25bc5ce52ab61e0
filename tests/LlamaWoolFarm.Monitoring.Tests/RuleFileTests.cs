namespace LlamaWoolFarm.Monitoring.Tests;

/// <summary>The shipped alert rules and Alertmanager configuration, checked with the tools Prometheus ships.</summary>
public sealed class RuleFileTests
{
    [Fact]
    public async Task The_alert_rules_are_valid()
    {
        var (exitCode, output) = await ExternalTool.RunAsync("promtool", ExternalTool.MonitoringFolder, "check", "rules", "alerts.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 10 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_alert_rules_pass_their_unit_tests()
    {
        // alerts.test.yml feeds each rule series that must fire it and series that must not.
        var (exitCode, output) = await ExternalTool.RunAsync("promtool", ExternalTool.MonitoringFolder, "test", "rules", "alerts.test.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_rule_is_caught_by_the_check()
    {
        // The check above must be able to fail: the same tool on a rule with a syntax error.
        var folder = Directory.CreateTempSubdirectory("lwf-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.yml"), "groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum(rate(up[5m]) >\n");

        var (exitCode, output) = await ExternalTool.RunAsync("promtool", folder, "check", "rules", "broken.yml");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Alertmanager_configuration_is_valid()
    {
        var (exitCode, output) = await ExternalTool.RunAsync("amtool", ExternalTool.MonitoringFolder, "check-config", "alertmanager.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Prometheus_configuration_is_valid()
    {
        var (exitCode, output) = await ExternalTool.RunAsync("promtool", ExternalTool.MonitoringFolder, "check", "config", "prometheus.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
