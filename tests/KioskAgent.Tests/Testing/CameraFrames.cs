using KioskAgent.Tests.Hardware.Camera;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// What a test agent's file-fed camera (Devices:Camera:Kind=Files) sees: one PNG file the agent
/// reads for every frame, replaced atomically (write, then rename) so no frame is half written.
/// </summary>
public sealed class CameraFrames
{
    private readonly string _directory = TestPaths.NewTempDirectory("camera");

    public CameraFrames() => Nothing();

    public string Path => System.IO.Path.Combine(_directory, "frame.png");

    /// <summary>The agent configuration for a camera fed from <see cref="Path"/>, at a brisk frame rate.</summary>
    public IReadOnlyDictionary<string, string> AgentSettings(string goneAfterMs = "1500") => new Dictionary<string, string>
    {
        ["Devices__Camera__Kind"] = "Files",
        ["Devices__Camera__Path"] = Path,
        ["Devices__Camera__MaxFramesPerSecond"] = "10",
        ["Devices__Camera__MaxCpuPercent"] = "100",
        ["Devices__Camera__GoneAfterMs"] = goneAfterMs,
        ["Devices__Camera__RetryDelayMs"] = "200",
    };

    /// <summary>A QR code with this text fills the view (a phone held up); a larger rendering looks different but says the same.</summary>
    public void Show(string payload, int pixelsPerModule = 6) => Write(QrImages.Png(payload, pixelsPerModule));

    /// <summary>An empty counter: nothing in view.</summary>
    public void Nothing() => Write(TestPng.Gray8(320, 240, (x, y) => (byte)(200 + ((x + y) % 3))));

    /// <summary>The camera stops delivering (unplugged).</summary>
    public void Unplug() => File.Delete(Path);

    private void Write(byte[] png)
    {
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, png);
        File.Move(temporary, Path, overwrite: true);
    }
}
