namespace KioskAgent.MemberSync;

/// <summary>Why a member message from central was refused: the {reason} of inbound.rejected.{kind}.{reason}.</summary>
public static class RejectReasons
{
    public const string Oversized = "oversized";
    public const string UnknownSchemaVersion = "unknown_schema_version";
    public const string WrongSchema = "wrong_schema";
    public const string BadJson = "bad_json";
    public const string WrongType = "wrong_type";
    public const string InvalidChunk = "invalid_chunk";
    public const string HashMismatch = "hash_mismatch";
    public const string InconsistentChunk = "inconsistent_chunk";
    public const string InvalidDelta = "invalid_delta";
    public const string InvalidMemberData = "invalid_member_data";
    public const string InvalidAnswer = "invalid_answer";
    public const string QueueFull = "queue_full";
}
