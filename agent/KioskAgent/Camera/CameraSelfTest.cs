using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Qr;

namespace KioskAgent.Camera;

/// <summary>
/// A technician's self-test of the camera: one snapshot, decoded for QR codes with the decoder the
/// kiosk scans with. Passed when a snapshot was taken; the detail says whether a code was in view,
/// with only its first characters (a member's code is theirs, not the log's).
/// </summary>
public sealed class CameraSelfTest(CameraDevice camera, IQrDecoder decoder)
{
    private const int ShownCharacters = 12;

    /// <summary>The result for <paramref name="deviceId"/>, or null when it is not this kiosk's camera.</summary>
    public async Task<(bool Passed, string Kind, string Detail)?> RunAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (camera.Source is null || deviceId != camera.Options.Id)
        {
            return null;
        }

        try
        {
            var frame = await camera.CaptureAsync(cancellationToken).ConfigureAwait(false);
            var codes = decoder.Decode(frame.ToGrayscale());
            return (true, CameraHealthReporter.Kind, codes.Count == 0
                ? $"snapshot of {frame.Png.Length} bytes; no QR code in view"
                : $"snapshot of {frame.Png.Length} bytes; QR code read: {string.Join(", ", codes.Select(Shown))}");
        }
        catch (Exception ex) when (ex is FrameCaptureException or InvalidDataException)
        {
            return (false, CameraHealthReporter.Kind, $"no snapshot: {ex.Message}");
        }
    }

    private static string Shown(string code) =>
        code.Length <= ShownCharacters ? code : $"{code[..ShownCharacters]}… ({code.Length} characters)";
}
