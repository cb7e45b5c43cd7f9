using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MQTTnet;

namespace KioskAgent.Central.Signing;

/// <summary>
/// What central signs in a message to a kiosk (docs/mqtt-contract.md, "Signatures"): a sequence of
/// parts, each a 4-byte big-endian length followed by its bytes: the domain <see cref="Domain"/>,
/// the topic, the response topic, the correlation data, the number of user properties other than
/// <see cref="SignatureProperty"/> (4 bytes, big-endian) followed by each one's name and value in
/// the order they are sent, and the payload. The topic binds a message to one kiosk and one topic;
/// the user properties bind its schema and key id; the correlation data binds an answer to its query.
/// The signature is ECDSA P-256 over SHA-256 of those bytes, 64 bytes r‖s (IEEE P1363), base64.
/// </summary>
public static class CentralSignature
{
    /// <summary>Domain separation: these bytes are signed for this purpose and version only.</summary>
    public const string Domain = "kiosk.v1.sig";

    /// <summary>User property naming the key that signed (a key id the kiosk was given).</summary>
    public const string KeyProperty = "sig-key";

    /// <summary>User property carrying the signature, base64 of 64 bytes.</summary>
    public const string SignatureProperty = "sig";

    /// <summary>r‖s of a P-256 signature, 32 bytes each.</summary>
    public const int SignatureBytes = 64;

    public const int MaxKeyIdLength = 64;

    /// <summary>SHA-256 of the signed bytes, computed without copying the payload.</summary>
    public static byte[] Hash(MqttApplicationMessage message)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Write(message, hash.AppendData);
        return hash.GetHashAndReset();
    }

    /// <summary>The signed bytes themselves, for documentation and for centrals that sign elsewhere.</summary>
    public static byte[] SignedBytes(MqttApplicationMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(message, bytes => buffer.Write(bytes));
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A key id: 1-64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidKeyId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxKeyIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The default key id of a public key: "p256-" and the first 8 bytes of the SHA-256 of its SubjectPublicKeyInfo, in hex.</summary>
    public static string DefaultKeyId(ECDsa key) =>
        "p256-" + Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())[..8]);

    private delegate void Sink(ReadOnlySpan<byte> bytes);

    private static void Write(MqttApplicationMessage message, Sink sink)
    {
        Part(sink, Encoding.UTF8.GetBytes(Domain));
        Part(sink, Encoding.UTF8.GetBytes(message.Topic ?? ""));
        Part(sink, Encoding.UTF8.GetBytes(message.ResponseTopic ?? ""));
        Part(sink, message.CorrelationData ?? []);
        var properties = (message.UserProperties ?? []).Where(p => p.Name != SignatureProperty).ToList();
        Length(sink, properties.Count);
        foreach (var property in properties)
        {
            Part(sink, Encoding.UTF8.GetBytes(property.Name));
            Part(sink, property.ValueBuffer.Span);
        }

        var payload = message.Payload;
        Length(sink, checked((int)payload.Length));
        foreach (var segment in payload)
        {
            sink(segment.Span);
        }
    }

    private static void Part(Sink sink, ReadOnlySpan<byte> bytes)
    {
        Length(sink, bytes.Length);
        sink(bytes);
    }

    private static void Length(Sink sink, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)length);
        sink(prefix);
    }
}
