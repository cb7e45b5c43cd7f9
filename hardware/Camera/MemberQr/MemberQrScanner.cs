using KioskAgent.Hardware.Camera.Qr;

namespace KioskAgent.Hardware.Camera.MemberQr;

/// <summary>
/// Takes a still, decodes its QR codes and returns the first valid member token. Never throws for a
/// device or image problem: every failure is a result with a reason, and the source's health says
/// whether the camera itself is at fault.
/// </summary>
public sealed class MemberQrScanner(IFrameSource source, IQrDecoder decoder)
{
    public async Task<MemberQrScanResult> ScanAsync(CancellationToken cancellationToken = default)
    {
        CapturedFrame frame;
        try
        {
            frame = await source.CaptureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FrameCaptureException ex)
        {
            return new MemberQrScanResult(false, null, ex.Reason, null);
        }

        return Decode(frame);
    }

    private MemberQrScanResult Decode(CapturedFrame frame)
    {
        IReadOnlyList<string> payloads;
        try
        {
            payloads = decoder.Decode(frame.ToGrayscale());
        }
        catch (InvalidDataException)
        {
            return new MemberQrScanResult(false, null, CameraReasons.UnreadableImage, frame);
        }
        catch (QrDecoderUnavailableException)
        {
            return new MemberQrScanResult(false, null, CameraReasons.DecoderMissing, frame);
        }

        if (payloads.Count == 0)
        {
            return new MemberQrScanResult(false, null, CameraReasons.NoQrFound, frame);
        }

        var parsed = payloads.Select(MemberQrCode.Parse).ToList();
        var valid = parsed.FirstOrDefault(p => p.IsValid);
        return valid is not null
            ? new MemberQrScanResult(true, valid.Token, MemberQrParseResult.Ok, frame)
            : new MemberQrScanResult(false, null, parsed[0].Reason, frame);
    }
}
