using KioskAgent.Members;

namespace KioskAgent.Statements;

/// <summary>
/// The member on the member screen, as far as a statement needs: the tap's transaction id (the
/// session id the page sends back) and the member's recent activity from the cache. The figures
/// are read from the screen at print time, so a live answer from central is what prints.
/// </summary>
public sealed record StatementSession(string SessionId, IReadOnlyList<MemberActivityLine> Recent);
