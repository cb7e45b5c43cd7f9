using System.Text;
using System.Text.Json;
using Google.Protobuf;
using KioskAgent.Contracts.V1;

namespace KioskAgent.MemberSync;

/// <summary>
/// Turns a member message from central into its proto message, or into the reason it is refused
/// (docs/mqtt-contract.md, "What a kiosk refuses"): the <c>schema</c> and <c>schema-version</c> user
/// properties first, then strict proto3 JSON (unknown fields and wrong types are refused, not
/// skipped). JSON syntax is checked on its own first, so broken JSON is always <c>bad_json</c> and
/// well-formed JSON that is not the message is always <c>wrong_type</c>. Sizes are checked before a
/// message is even copied (<see cref="MemberSyncInbound"/>).
/// </summary>
public static class MemberMessageDecoder
{
    /// <summary>The only schema version this agent reads; a message without the property counts as this one.</summary>
    public const string SchemaVersion = CentralLink.LinkMessages.SchemaVersion;

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A snapshot chunk, checked as far as it can be on its own: well-formed (id, version, index
    /// within count, count within <paramref name="maxChunks"/>, a batch, a 64-digit hash) and its
    /// hash matching its batch. Pure, so chunks can be checked in parallel before they are applied in order.
    /// </summary>
    public static Decoded<MemberSnapshotChunk> DecodeChunk(InboundMemberMessage message, int maxChunks)
    {
        if (!TryDecode<MemberSnapshotChunk>(message, out var chunk, out var reason))
        {
            return Decoded<MemberSnapshotChunk>.Refused(reason);
        }

        if (!IsWellFormed(chunk, maxChunks))
        {
            return Decoded<MemberSnapshotChunk>.Refused(RejectReasons.InvalidChunk);
        }

        return ChunkHash.Matches(chunk) ? new(chunk, "") : Decoded<MemberSnapshotChunk>.Refused(RejectReasons.HashMismatch);
    }

    public static Decoded<MemberDelta> DecodeDelta(InboundMemberMessage message)
    {
        if (!TryDecode<MemberDelta>(message, out var delta, out var reason))
        {
            return Decoded<MemberDelta>.Refused(reason);
        }

        return delta.Version == 0 ? Decoded<MemberDelta>.Refused(RejectReasons.InvalidDelta) : new(delta, "");
    }

    public static bool TryDecode<T>(InboundMemberMessage message, out T decoded, out string reason)
        where T : IMessage<T>, new()
    {
        decoded = default!;
        reason = Refusal(message, new T().Descriptor.FullName) ?? "";
        if (reason.Length > 0)
        {
            return false;
        }

        if (!IsJson(message.Payload))
        {
            reason = RejectReasons.BadJson;
            return false;
        }

        try
        {
            decoded = Parser.Parse<T>(StrictUtf8.GetString(message.Payload));
            return true;
        }
        catch (Exception ex) when (ex is InvalidJsonException or DecoderFallbackException)
        {
            reason = RejectReasons.BadJson;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException or OverflowException or ArgumentException)
        {
            reason = RejectReasons.WrongType;
        }

        return false;
    }

    private static bool IsWellFormed(MemberSnapshotChunk chunk, int maxChunks) =>
        chunk.SnapshotId.Length is > 0 and <= 128
        && chunk.Version > 0
        && chunk.Count > 0
        && chunk.Count <= maxChunks
        && chunk.Index < chunk.Count
        && chunk.Batch is not null
        && chunk.Sha256.Length == 64;

    /// <summary>One JSON value, valid UTF-8, nesting within the parser's limit.</summary>
    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Refusal(InboundMemberMessage message, string schema)
    {
        if (message.SchemaVersion is { } version && version != SchemaVersion)
        {
            return RejectReasons.UnknownSchemaVersion;
        }

        if (message.Schema is { } name && name != schema)
        {
            return RejectReasons.WrongSchema;
        }

        return message.Payload.Length == 0 ? RejectReasons.BadJson : null;
    }
}
