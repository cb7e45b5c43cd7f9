using System.ComponentModel;
using System.Diagnostics;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Camera.Capture;

/// <summary>
/// Takes a still by running a capture tool that writes one PNG to standard output (ffmpeg,
/// rpicam-still). The tool is killed (by its own process handle) when it overruns
/// <see cref="Timeout"/>. A missing device or tool is Absent; a failing or garbled capture is a Fault.
/// </summary>
public abstract class ProcessFrameSource(TimeProvider? timeProvider = null) : IFrameSource
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private volatile DeviceHealth _health = CameraHealth.NotChecked;

    public abstract string Description { get; }

    /// <summary>The tool to run: a name looked up on PATH, or a full path.</summary>
    public abstract string Executable { get; }

    /// <summary>The tool's arguments, one element per argument (no shell quoting involved).</summary>
    public abstract IReadOnlyList<string> Arguments { get; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames larger than this are refused (a 1080p PNG is a few MB).</summary>
    public int MaxFrameBytes { get; init; } = 32 * 1024 * 1024;

    public DeviceHealth Health => _health;

    public async Task<CapturedFrame> CaptureAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            CheckDevice();
            var png = await RunAsync(cancellationToken).ConfigureAwait(false);
            _health = CameraHealth.Ok;
            return new CapturedFrame(png, _timeProvider.GetUtcNow());
        }
        catch (FrameCaptureException ex)
        {
            _health = ex.ToHealth();
            throw;
        }
    }

    /// <summary>Throws <see cref="FrameCaptureException"/> with <see cref="CameraReasons.DeviceMissing"/> when the device is not there.</summary>
    protected virtual void CheckDevice()
    {
    }

    /// <summary>Turns a failed run into a reason; by default a capture failure with the tool's last error line.</summary>
    protected virtual FrameCaptureException Failed(int exitCode, string standardError) =>
        new(CameraReasons.CaptureFailed, $"{Executable} exited with {exitCode}: {LastLine(standardError)}");

    protected static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    private async Task<byte[]> RunAsync(CancellationToken cancellationToken)
    {
        using var process = Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = ReadAllAsync(process.StandardOutput.BaseStream, timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var png = await output.ConfigureAwait(false);
            var stderr = await errors.ConfigureAwait(false);
            return process.ExitCode != 0 ? throw Failed(process.ExitCode, stderr) : RequirePng(png);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new FrameCaptureException(CameraReasons.CaptureTimeout, $"{Executable} took longer than {Timeout.TotalSeconds} s.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private Process Start()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(start) ?? throw new FrameCaptureException(CameraReasons.CaptureToolMissing, $"{Executable} did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new FrameCaptureException(CameraReasons.CaptureToolMissing, $"{Executable} is not installed or not executable: {ex.Message}", ex);
        }
    }

    private async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxFrameBytes)
            {
                throw new FrameCaptureException(CameraReasons.BadFrame, $"{Executable} wrote more than {MaxFrameBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private byte[] RequirePng(byte[] output) =>
        output.AsSpan().StartsWith(PngSignature)
            ? output
            : throw new FrameCaptureException(CameraReasons.BadFrame, $"{Executable} wrote {output.Length} bytes that are not a PNG.");
}
