using System.Diagnostics;
using System.Text;

namespace KioskAgent.Tests.Testing.Serial;

/// <summary>
/// A linked pair of pseudo-terminals made by a real socat
/// (<c>socat -d -d pty,raw,echo=0,link=DIR/ttyA pty,raw,echo=0,link=DIR/ttyB</c>): bytes written to
/// one end come out of the other, like a null-modem cable. Started and stopped by PID. Stopping it
/// "unplugs" both ends; <see cref="StartAgainAsync"/> plugs them back in at the same link paths.
/// The build's Test target installs socat.
/// </summary>
public sealed class SocatPtyPair : IAsyncDisposable
{
    private readonly string _directory;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private SocatPtyPair(string directory)
    {
        _directory = directory;
        PathA = System.IO.Path.Combine(directory, "ttyA");
        PathB = System.IO.Path.Combine(directory, "ttyB");
    }

    /// <summary>The device side: what the binding under test opens.</summary>
    public string PathA { get; }

    /// <summary>The far side: where the test plays the device.</summary>
    public string PathB { get; }

    public static string Executable { get; } = new[] { "/usr/bin/socat", "/usr/local/bin/socat" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("socat is not installed. `./build.sh --target=Test` installs it (apt-get install socat).");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<SocatPtyPair> StartAsync()
    {
        var pair = new SocatPtyPair(TestPaths.NewTempDirectory("ptypair"));
        await pair.StartAgainAsync();
        return pair;
    }

    /// <summary>Starts socat (again), with the same link paths; waits until both links resolve.</summary>
    public async Task StartAgainAsync()
    {
        await StopAsync();
        DeleteStaleLink(PathA);
        DeleteStaleLink(PathB);
        var start = new ProcessStartInfo(Executable, ["-d", "-d", $"pty,raw,echo=0,link={PathA}", $"pty,raw,echo=0,link={PathB}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitForLinksAsync();
    }

    /// <summary>Kills socat (SIGKILL, by PID): both ends hang up, as when a USB adapter is pulled.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitForLinksAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(File.Exists(PathA) && File.Exists(PathB)))
        {
            if (_process!.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"socat did not create {PathA} and {PathB}. Log: {Log}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>A killed socat leaves its symlinks behind, pointing at ptys that no longer exist.</summary>
    private static void DeleteStaleLink(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
