namespace KioskAgent.Members.Import;

/// <summary>How to read and what to do with an import file.</summary>
/// <param name="Encoding">"utf-8" (default) or "gb18030".</param>
/// <param name="FileName">For the log only.</param>
public sealed record MemberImportRequest(MemberFileFormat Format, bool DryRun = false, string? Encoding = null, string FileName = "");
