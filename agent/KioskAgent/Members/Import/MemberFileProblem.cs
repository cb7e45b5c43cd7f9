namespace KioskAgent.Members.Import;

/// <summary>
/// One thing wrong with an import file. Messages may quote the offending value back to the
/// technician, so problems go into the reply, never into the log.
/// </summary>
/// <param name="Line">Physical line in the file, 1-based; 0 when not tied to a line.</param>
/// <param name="Field">CSV column or JSON field; empty for the whole row.</param>
/// <param name="MemberIndex">The member's position in the file (0-based); -1 when not tied to one.</param>
public sealed record MemberFileProblem(int Line, string Field, string Message, string MemberNumber = "", int MemberIndex = -1);
