namespace KioskAgent.Members.Import;

public enum MemberFileFormat
{
    /// <summary>Header row with named columns, one card per row (docs/member-import.md).</summary>
    Csv,

    /// <summary>proto3 JSON of kiosk.v1.MemberBatch.</summary>
    Json,
}
