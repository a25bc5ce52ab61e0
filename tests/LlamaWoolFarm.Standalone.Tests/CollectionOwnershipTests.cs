using System.Text.RegularExpressions;
using LlamaWoolFarm.Testing;

namespace LlamaWoolFarm.Standalone.Tests;

/// <summary>
/// Each module owns its data (docs/architecture.md): a document collection is opened by one project only, and no
/// project reads the embedded store's tables around the document-store port. Scans the sources under <c>src</c>, so
/// reintroducing a read of another module's collection fails here.
/// </summary>
public sealed partial class CollectionOwnershipTests
{
    [Fact]
    public void Every_collection_is_opened_by_one_project_only()
    {
        var opened = CollectionsOpened();

        var shared = opened.GroupBy(o => o.Name).Where(g => g.Select(o => o.Project).Distinct().Count() > 1).ToList();

        Assert.True(shared.Count == 0, "Collections opened by more than one project: " + string.Join("; ", shared.Select(g =>
            $"{g.Key} by {string.Join(", ", g.Select(o => $"{o.Project} ({o.File})").Distinct())}")));
    }

    [Fact]
    public void The_owners_are_the_modules_docs_architecture_names()
    {
        var owners = CollectionsOpened().GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Project);

        // A sanity check of the scan itself: if it stopped finding collections, the test above would pass vacuously.
        Assert.Equal("LlamaWoolFarm.Workers.Game", owners["game_states"]);
        Assert.Equal("LlamaWoolFarm.Workers.Game", owners["commands"]);
        Assert.Equal("LlamaWoolFarm.Workers.Saves", owners["saves"]);
        Assert.Equal("LlamaWoolFarm.Workers.Saves", owners["save_revisions"]);
        Assert.Equal("LlamaWoolFarm.Workers.Leaderboards", owners["competition_events"]);
        Assert.Equal("LlamaWoolFarm.Workers.Accounts", owners["players"]);
        Assert.Equal("LlamaWoolFarm.Workers.Notifications", owners["notifications"]);
        Assert.True(owners.Count >= 15, $"only {owners.Count} collections found: {string.Join(", ", owners.Keys)}");
    }

    [Fact]
    public void A_collection_name_with_an_underscore_appears_only_in_its_owners_sources()
    {
        // Names like game_states are distinctive: seen in another project they mean a read around the messages.
        var owners = CollectionsOpened().GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Project);
        var leaks = new List<string>();
        foreach (var (project, file, text) in Sources())
        {
            foreach (var (name, owner) in owners.Where(o => o.Key.Contains('_', StringComparison.Ordinal) && o.Value != project))
            {
                if (text.Contains($"\"{name}\"", StringComparison.Ordinal) || text.Contains($"\"doc_{name}\"", StringComparison.Ordinal))
                {
                    leaks.Add($"{name} (owned by {owner}) in {file}");
                }
            }
        }

        Assert.True(leaks.Count == 0, "Another module's collection named in: " + string.Join("; ", leaks));
    }

    [Fact]
    public void Only_the_sqlite_adapter_knows_its_table_layout()
    {
        var outside = Sources()
            .Where(s => DocTable().IsMatch(s.Text) && !s.File.StartsWith("src/Storage/LlamaWoolFarm.Storage/Sqlite/", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();

        Assert.True(outside.Count == 0, "Reads of the embedded store's doc_ tables outside its adapter: " + string.Join(", ", outside));
    }

    private static List<(string Name, string Project, string File)> CollectionsOpened()
    {
        var sources = Sources();
        // Constants anywhere in src, so a call naming another project's constant resolves to its collection.
        var constants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, _, text) in sources)
        {
            foreach (Match m in Constant().Matches(text))
            {
                constants.TryAdd(m.Groups["id"].Value, m.Groups["value"].Value);
            }
        }

        var opened = new List<(string, string, string)>();
        foreach (var (project, file, text) in sources)
        {
            foreach (Match m in CollectionCall().Matches(text))
            {
                var argument = m.Groups["arg"].Value.Trim();
                var name = argument.StartsWith('"')
                    ? argument.Trim('"')
                    : constants.GetValueOrDefault(argument.Split('.')[^1]);
                if (name is not null)
                {
                    opened.Add((name, project, file));
                }
            }
        }

        return opened;
    }

    private static List<(string Project, string File, string Text)> Sources()
    {
        var root = ServiceProcess.RepositoryRoot();
        var src = Path.Combine(root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (Project: f.Split('/')[2], File: f, Text: File.ReadAllText(Path.Combine(root, f))))
            .ToList();
    }

    // store.Collection<T>("name", ...) or store.Collection<T>(Constant, ...), the argument up to the first comma or parenthesis.
    [GeneratedRegex(@"\.Collection<[^>()]+>\(\s*(?<arg>""[a-z0-9_:]+""|[A-Za-z_][A-Za-z0-9_.]*)\s*[,)]")]
    private static partial Regex CollectionCall();

    [GeneratedRegex(@"const\s+string\s+(?<id>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*""(?<value>[a-z0-9_:]+)""")]
    private static partial Regex Constant();

    [GeneratedRegex(@"""doc_")]
    private static partial Regex DocTable();
}
