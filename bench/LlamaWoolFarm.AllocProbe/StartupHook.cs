using System.Globalization;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly (the type must be
/// called <c>StartupHook</c>, outside any namespace). Every 100 ms it writes "allocated-bytes gen0 gen1 gen2" of the
/// whole process to the file <c>LWF_ALLOC_FILE</c> names (written aside and renamed, so a reader never sees half a
/// line). bench/load-standalone.sh reads it at the start and end of the measured window.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("LWF_ALLOC_FILE");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var scratch = path + ".tmp";
        var thread = new Thread(() =>
        {
            while (true)
            {
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{GC.GetTotalAllocatedBytes(false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)}\n");
                File.WriteAllText(scratch, line);
                File.Move(scratch, path, overwrite: true);
                Thread.Sleep(100);
            }
        })
        { IsBackground = true, Name = "lwf-alloc-probe" };
        thread.Start();
    }
}
