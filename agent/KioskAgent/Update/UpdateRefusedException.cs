namespace KioskAgent.Update;

/// <summary>A bundle the kiosk will not install, with the typed reason and a message for a person.</summary>
public sealed class UpdateRefusedException(UpdateRefusal reason, string message, UpdateManifest? manifest = null) : Exception(message)
{
    public UpdateRefusal Reason { get; } = reason;

    public UpdateManifest? Manifest { get; } = manifest;

    public string Code => ToCode(Reason);

    public static string ToCode(UpdateRefusal reason) => reason switch
    {
        UpdateRefusal.TooLarge => "too_large",
        UpdateRefusal.NoKey => "no_key",
        UpdateRefusal.BadSignature => "bad_signature",
        UpdateRefusal.KnownBad => "known_bad",
        UpdateRefusal.TooOldToUpdate => "too_old_to_update",
        UpdateRefusal.DigestMismatch => "digest_mismatch",
        UpdateRefusal.NotSupervised => "not_supervised",
        UpdateRefusal.DownloadFailed => "download_failed",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
