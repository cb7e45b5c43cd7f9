namespace KioskAgent.Update;

/// <summary>Why a bundle was refused; the wire name is the lower snake case of the member.</summary>
public enum UpdateRefusal
{
    Malformed,
    TooLarge,
    NoKey,
    BadSignature,
    Downgrade,
    KnownBad,
    TooOldToUpdate,
    DigestMismatch,
    Busy,
    NotSupervised,
    DownloadFailed,
}
