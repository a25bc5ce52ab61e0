using Xunit.Abstractions;
using Xunit.Sdk;

namespace LlamaWoolFarm.Storage.Tests.Documents;

/// <summary>
/// A fact of a shared contract: it runs like <see cref="FactAttribute"/>, except in a test class marked
/// <see cref="RequiresEnvironmentAttribute"/> whose variable is unset, where it is reported as skipped with the reason.
/// </summary>
[XunitTestCaseDiscoverer("LlamaWoolFarm.Storage.Tests.Documents.ContractFactDiscoverer", "LlamaWoolFarm.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ContractFactAttribute : FactAttribute
{
}

/// <summary>Marks a test class whose server is only reachable when an environment variable names it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequiresEnvironmentAttribute(string variable, string reason) : Attribute
{
    public string Variable { get; } = variable;

    public string Reason { get; } = reason;
}

/// <summary>A fact of a class of its own that needs the variable too; skipped with the reason when it is unset.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class MongoFactAttribute : FactAttribute
{
    public MongoFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Testing.TestServers.Mongo))
        {
            Skip = MongoDocumentStoreTests.SkipReason;
        }
    }
}

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, skipping them where the class's server is not configured.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var requirement = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)).FirstOrDefault();
        var variable = requirement?.GetConstructorArguments().FirstOrDefault() as string;
        if (variable is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            var reason = requirement!.GetConstructorArguments().Skip(1).FirstOrDefault() as string ?? $"{variable} is not set.";
            return [new SkippedContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
    }
}

/// <summary>A contract test case reported as skipped with the reason its server is missing.</summary>
public sealed class SkippedContractTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedContractTestCase()
    {
    }

    public SkippedContractTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(sink, display, displayOptions, testMethod)
    {
        _reason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        data.AddValue("SkipReasonText", _reason);
        base.Serialize(data);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
