namespace KioskAgent.CentralLink;

/// <summary>
/// How far a version from central (desired configuration, member snapshots and deltas) may move a
/// kiosk forward (docs/mqtt-contract.md). A version only grows, so one message with a huge version
/// would make every later, honest one look stale, for good; versions therefore move forward by at
/// most <see cref="MaxStep"/> at a time and never beyond <see cref="Ceiling"/> (2^53 − 1, the
/// largest integer a JSON consumer reads without losing precision). From version 0 (nothing held
/// yet, or reset by central) any version up to the ceiling is accepted. Refused: <c>version_jump</c>.
/// </summary>
public static class InboundVersions
{
    public const string Jump = "version_jump";

    /// <summary>2^53 − 1: Number.MAX_SAFE_INTEGER, so every consumer of the JSON reads the version exactly.</summary>
    public const ulong Ceiling = (1UL << 53) - 1;

    /// <summary>
    /// Versions count changes (one per document or member change); a billion changes between two
    /// messages a kiosk takes is no honest central.
    /// </summary>
    public const ulong MaxStep = 1_000_000_000;

    /// <summary>
    /// True when <paramref name="proposed"/> may follow <paramref name="current"/>. Versions at or
    /// below the current one are not judged here (they are stale or already applied).
    /// </summary>
    public static bool MayFollow(ulong current, ulong proposed) =>
        proposed <= current || (proposed <= Ceiling && (current == 0 || current > Ceiling || proposed - current <= MaxStep));

    /// <summary>A version held from before these rules that no honest central can follow: treated as reset to 0.</summary>
    public static bool IsBeyondCeiling(ulong version) => version > Ceiling;
}
