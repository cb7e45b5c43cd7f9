using System.Text;
using KioskAgent.Central.Signing;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Unit.Signing;

[Trait("Category", TestCategories.Unit)]
public sealed class CentralKeyRingTests
{
    private static readonly CentralSigner Old = CentralSigner.Generate("old");
    private static readonly CentralSigner New = CentralSigner.Generate("new");

    private static MqttApplicationMessage Ack(string kiosk = "kiosk-01") =>
        new MqttApplicationMessageBuilder()
            .WithTopic($"kiosk/v1/site-01/{kiosk}/ack")
            .WithPayload("""{"contiguousSequence":"8"}""")
            .WithUserProperty("schema", Encoding.UTF8.GetBytes("kiosk.v1.TransactionAck"))
            .Build();

    private static CentralKeyRing Ring(params CentralSigner[] signers) =>
        new(signers.Select(s => (s.KeyId, CentralKeyRing.ParsePublicKey(s.PublicKeyPem()))));

    [Fact]
    public void Verify_SignedByATrustedKey_IsValid_WithEitherKeyOfAnOverlap()
    {
        using var ring = Ring(Old, New);

        Assert.Equal(SignatureVerdict.Valid, ring.Verify(Old.Sign(Ack())));
        Assert.Equal(SignatureVerdict.Valid, ring.Verify(New.Sign(Ack())));
    }

    [Fact]
    public void Verify_Unsigned_UnknownKey_AndAnotherKeysSignatureUnderATrustedId_AreRefused()
    {
        using var ring = Ring(New);
        using var forger = CentralSigner.Generate("new");

        Assert.Equal(SignatureVerdict.Unsigned, ring.Verify(Ack()));
        Assert.Equal(SignatureVerdict.UnknownKey, ring.Verify(Old.Sign(Ack())));
        Assert.Equal(SignatureVerdict.BadSignature, ring.Verify(forger.Sign(Ack())));
    }

    [Fact]
    public void Verify_ASignedMessageMovedToAnotherKiosk_IsABadSignature()
    {
        using var ring = Ring(New);
        var signed = New.Sign(Ack("kiosk-01"));

        signed.Topic = "kiosk/v1/site-01/kiosk-02/ack";

        Assert.Equal(SignatureVerdict.BadSignature, ring.Verify(signed));
    }

    [Fact]
    public void Verify_RepeatedOrMalformedSignatureProperties_AreRefused()
    {
        using var ring = Ring(New);
        var twoSignatures = New.Sign(Ack());
        twoSignatures.UserProperties!.Add(twoSignatures.UserProperties.Last());
        var twoKeys = New.Sign(Ack());
        twoKeys.UserProperties!.Insert(0, new MQTTnet.Packets.MqttUserProperty("sig-key", Encoding.UTF8.GetBytes("new")));
        var notBase64 = New.Sign(Ack());
        notBase64.UserProperties![^1] = new MQTTnet.Packets.MqttUserProperty("sig", Encoding.UTF8.GetBytes(new string('!', 88)));
        var noKey = New.Sign(Ack());
        noKey.UserProperties!.RemoveAll(p => p.Name == "sig-key");

        Assert.Equal(SignatureVerdict.BadSignature, ring.Verify(twoSignatures));
        Assert.Equal(SignatureVerdict.UnknownKey, ring.Verify(twoKeys));
        Assert.Equal(SignatureVerdict.BadSignature, ring.Verify(notBase64));
        Assert.Equal(SignatureVerdict.UnknownKey, ring.Verify(noKey));
    }

    [Fact]
    public void ParsePublicKey_RefusesPrivateKeysOtherCurvesAndGarbage()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => CentralKeyRing.ParsePublicKey(New.PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => CentralKeyRing.ParsePublicKey(p384.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>(() => CentralKeyRing.ParsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
        Assert.Throws<ArgumentException>(() => CentralKeyRing.ParsePublicKey("not a key"));
    }

    [Fact]
    public void Sign_ALargePayloadInSegments_VerifiesAsOne()
    {
        using var ring = Ring(New);
        var payload = new byte[5_000_000];
        Random.Shared.NextBytes(payload);
        var message = new MqttApplicationMessageBuilder().WithTopic("kiosk/v1/site-01/kiosk-01/members/snapshot").WithPayload(payload).Build();
        New.Sign(message);
        var copy = new MqttApplicationMessage
        {
            Topic = message.Topic,
            Payload = Segmented(payload, 65_536),
            UserProperties = message.UserProperties,
        };

        Assert.Equal(SignatureVerdict.Valid, ring.Verify(copy));
    }

    private static System.Buffers.ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            var memory = bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new System.Buffers.ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
