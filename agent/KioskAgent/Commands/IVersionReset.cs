namespace KioskAgent.Commands;

/// <summary>
/// A version a feature holds for central (the desired configuration's, the member data's) that
/// central can set back to 0 with the <c>reset_versions</c> command, so that a kiosk holding a wrong
/// version is never locked out. Each feature registers its own; the command finds them by <see cref="Part"/>.
/// </summary>
public interface IVersionReset
{
    /// <summary>The argument of reset_versions that names this version: <c>config</c>, <c>members</c>.</summary>
    string Part { get; }

    /// <summary>Resets the version to 0; returns what the answer reports (e.g. the version held before).</summary>
    Task<IReadOnlyDictionary<string, string>> ResetAsync(CancellationToken cancellationToken);
}
