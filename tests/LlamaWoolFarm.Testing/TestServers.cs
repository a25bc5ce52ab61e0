namespace LlamaWoolFarm.Testing;

/// <summary>The real servers CI starts on loopback; the environment may point elsewhere.</summary>
public static class TestServers
{
    public static string RabbitMq => Environment.GetEnvironmentVariable("LWF_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";

    public static string Redis => Environment.GetEnvironmentVariable("LWF_TEST_REDIS") ?? "127.0.0.1:6379";

    /// <summary>MongoDB cannot run on CI machines: tests that need it run only when this is set.</summary>
    public static string? Mongo => Environment.GetEnvironmentVariable("LWF_TEST_MONGO");

    /// <summary>A fresh signing key (base64 of 64 random bytes) that a test's processes share.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));

    /// <summary>A fresh folder under the temp directory for one test's data.</summary>
    public static string NewDataFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "lwf-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
