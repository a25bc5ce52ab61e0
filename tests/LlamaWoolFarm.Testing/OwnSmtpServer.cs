using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using MimeKit;

namespace LlamaWoolFarm.Testing;

/// <summary>
/// A real SMTP server of one test: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>, package <c>python3-aiosmtpd</c>,
/// which <c>.ci/run</c> installs) on a free loopback port, storing every delivered mail in a maildir the test reads.
/// The interpreter is <c>/usr/bin/python3</c> (the system one that has Debian's package), or <c>LWF_TEST_PYTHON</c>.
/// </summary>
public sealed class OwnSmtpServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private OwnSmtpServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    /// <summary>The maildir the server delivers into (<c>new/</c> holds one file per mail).</summary>
    public string Maildir { get; }

    /// <summary>Starts the server and waits for its 220 greeting; says plainly what is missing when it cannot start.</summary>
    public static async Task<OwnSmtpServer> StartAsync()
    {
        var python = Environment.GetEnvironmentVariable("LWF_TEST_PYTHON") ?? "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new InvalidOperationException($"The SMTP test server needs {python} (Debian's python3 with python3-aiosmtpd; `apt-get install python3-aiosmtpd`, as .ci/run does), or LWF_TEST_PYTHON set to one.");
        }

        var port = TestServers.FreePort();
        var maildir = Path.Combine(TestServers.NewDataFolder(), "maildir");
        var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The SMTP test server (aiosmtpd) did not start.");
        var server = new OwnSmtpServer(process, port, maildir);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitGreetsAsync(TimeSpan.FromSeconds(20));
        return server;
    }

    /// <summary>Every mail delivered so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder).OrderBy(File.GetLastWriteTimeUtc).Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>The mails delivered to one address, waiting up to <paramref name="timeout"/> for <paramref name="count"/> of them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMailsAsync(string to, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var mails = Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();
            if (mails.Count >= count || DateTime.UtcNow > deadline)
            {
                return mails.Count >= count
                    ? mails
                    : throw new TimeoutException($"{mails.Count} of {count} mails to {to} arrived at the SMTP test server. Server output: {string.Join(Environment.NewLine, _output)}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 200)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitGreetsAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync();
                var output = string.Join(Environment.NewLine, _output);
                throw new InvalidOperationException(output.Contains("No module named aiosmtpd", StringComparison.Ordinal)
                    ? $"The SMTP test server cannot start: python3-aiosmtpd is not installed for {_process.StartInfo.FileName} (`apt-get install python3-aiosmtpd`, as .ci/run does)."
                    : $"The SMTP test server (aiosmtpd) exited with code {_process.ExitCode}: {output}");
            }

            try
            {
                using var client = new TcpClient();
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await client.ConnectAsync("127.0.0.1", Port, wait.Token);
                var buffer = new byte[64];
                var read = await client.GetStream().ReadAsync(buffer, wait.Token);
                if (System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("220", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The SMTP test server on port {Port} did not greet within {timeout}.");
    }
}
