using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;

// usage: LlamaWoolFarm.AllocReport <trace.nettrace> [rows=25]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: LlamaWoolFarm.AllocReport <trace.nettrace> [rows]");
    return 2;
}

var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 25;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byLibrary = new Dictionary<string, long>();
var byType = new Dictionary<string, long>();
var byTypeAndMethod = new Dictionary<string, long>();
long total = 0;
foreach (var e in log.Events)
{
    if (e.EventName != "GC/AllocationTick")
    {
        continue;
    }

    // Each event stands for about 100 KB allocated since the previous one; the type and stack are those of the
    // allocation that crossed the mark, so the shares are a sample, good to about a percent over a few thousand events.
    var amount = Convert.ToInt64(e.PayloadByName("AllocationAmount64") ?? e.PayloadByName("AllocationAmount"), CultureInfo.InvariantCulture);
    var type = (string)e.PayloadByName("TypeName");
    var frames = new List<string>();
    for (var frame = e.CallStack(); frame is not null; frame = frame.Caller)
    {
        frames.Add(frame.CodeAddress.FullMethodName is { Length: > 0 } name ? name : "?" + frame.CodeAddress.ModuleName);
    }

    total += amount;
    Add(byType, type, amount);
    Add(byLibrary, Library(frames), amount);
    var method = frames.FirstOrDefault(f => !f.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal) && !f.StartsWith('?')) ?? "?";
    Add(byTypeAndMethod, $"{type}  <=  {method}", amount);
}

if (total == 0)
{
    Console.Error.WriteLine("No GC/AllocationTick events in the trace (collect with Microsoft-Windows-DotNETRuntime:0x1:5).");
    return 1;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled allocations: {total / 1e6:F0} MB"));
Print("by library (the innermost frame outside the base class library; [json] when System.Text.Json is on the stack)", byLibrary);
Print("by type", byType);
Print("by type and allocating method", byTypeAndMethod);
return 0;

// The library that asked for the bytes: the innermost frame that is not the base class library, by its first two
// name parts (three for this project's own assemblies, which share their first two).
static string Library(List<string> frames)
{
    var frame = frames.FirstOrDefault(f => !f.StartsWith("System.", StringComparison.Ordinal) && !f.StartsWith('?')) ?? "(base class library only)";
    var parts = frame.Split('.');
    var name = string.Join('.', parts.Take(frame.StartsWith("LlamaWoolFarm", StringComparison.Ordinal) ? 3 : 2));
    return frames.Any(f => f.StartsWith("System.Text.Json", StringComparison.Ordinal)) ? name + " [json]" : name;
}

static void Add(Dictionary<string, long> table, string key, long amount) =>
    table[key] = table.GetValueOrDefault(key) + amount;

void Print(string title, Dictionary<string, long> table)
{
    Console.WriteLine($"== {title}");
    foreach (var (key, bytes) in table.OrderByDescending(p => p.Value).Take(rows))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * bytes / total,6:F1} %  {key}"));
    }
}
