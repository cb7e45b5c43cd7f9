namespace KioskAgent.Members.Import;

/// <summary>One CSV record: its fields and the physical line it starts on (quoted fields may span lines).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}
