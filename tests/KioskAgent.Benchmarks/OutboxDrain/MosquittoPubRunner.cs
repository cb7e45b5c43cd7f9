using System.Diagnostics;
using System.Globalization;

namespace KioskAgent.Benchmarks.OutboxDrain;

/// <summary>
/// The reference publisher: <c>mosquitto_pub -l -q 1 -V mqttv5</c> reading one payload per line from
/// stdin, i.e. QoS 1 with libmosquitto's pipelining (20 in flight) and no application-level acks.
/// </summary>
public static class MosquittoPubRunner
{
    public static string Executable { get; } = new[] { "/usr/bin/mosquitto_pub", "/usr/local/bin/mosquitto_pub" }
        .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto_pub is not installed (apt-get install mosquitto-clients).");

    /// <summary>Publishes every line of <paramref name="payloadFile"/> to <paramref name="topic"/>; returns the wall time of the process.</summary>
    public static async Task<TimeSpan> PublishAsync(int port, string topic, string payloadFile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable, ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5", "-q", "1", "-t", topic, "-l", "-i", $"bench-pub-{Guid.NewGuid():N}"[..23]])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await using (var input = File.OpenRead(payloadFile))
        {
            await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
        }

        process.StandardInput.Close();
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub exited with {process.ExitCode}: {errors}");
        }

        return watch.Elapsed;
    }
}
