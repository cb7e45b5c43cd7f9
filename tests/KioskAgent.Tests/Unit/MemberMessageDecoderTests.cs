using System.Text;
using KioskAgent.Central.Members;
using KioskAgent.Contracts.V1;
using KioskAgent.MemberSync;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberMessageDecoderTests
{
    private static InboundMemberMessage Message(string json, string? schema = "kiosk.v1.MemberDelta", string? version = "1") =>
        new("kiosk/v1/s/k/members/delta", Encoding.UTF8.GetBytes(json), schema, version, null);

    [Fact]
    public void TryDecode_ContractJson_GivesTheMessage()
    {
        Assert.True(MemberMessageDecoder.TryDecode<MemberDelta>(Message("""{"version":"7","removedMemberNumbers":["90000001"]}"""), out var delta, out _));

        Assert.Equal(7ul, delta.Version);
        Assert.Equal("90000001", Assert.Single(delta.RemovedMemberNumbers));
    }

    [Fact]
    public void TryDecode_WithoutSchemaProperties_IsReadAsVersion1() =>
        Assert.True(MemberMessageDecoder.TryDecode<MemberDelta>(Message("""{"version":"7"}""", schema: null, version: null), out _, out _));

    [Theory]
    [InlineData("""{"version":"7" """, "bad_json")]
    [InlineData("not json at all", "bad_json")]
    [InlineData("", "bad_json")]
    [InlineData("""{"version":"seven"}""", "wrong_type")]
    [InlineData("""{"version":7.5}""", "wrong_type")]
    [InlineData("""{"upserts":{"memberNumber":"1"}}""", "wrong_type")]
    [InlineData("""{"version":"7","surprise":true}""", "wrong_type")]
    [InlineData("""[1,2,3]""", "wrong_type")]
    public void TryDecode_MalformedPayload_IsRefusedWithItsReason(string json, string reason)
    {
        Assert.False(MemberMessageDecoder.TryDecode<MemberDelta>(Message(json), out _, out var actual));
        Assert.Equal(reason, actual);
    }

    [Fact]
    public void TryDecode_InvalidUtf8_IsBadJson()
    {
        var message = new InboundMemberMessage("t", [0x7B, 0xFF, 0xFE, 0x7D], null, null, null);

        Assert.False(MemberMessageDecoder.TryDecode<MemberDelta>(message, out _, out var reason));
        Assert.Equal(RejectReasons.BadJson, reason);
    }

    [Fact]
    public void TryDecode_UnknownSchemaVersion_IsRefusedUnread()
    {
        Assert.False(MemberMessageDecoder.TryDecode<MemberDelta>(Message("""{"version":"7"}""", version: "2"), out _, out var reason));
        Assert.Equal(RejectReasons.UnknownSchemaVersion, reason);
    }

    [Fact]
    public void TryDecode_AnotherMessagesSchema_IsRefused()
    {
        Assert.False(MemberMessageDecoder.TryDecode<MemberDelta>(Message("""{"version":"7"}""", schema: "kiosk.v1.MemberSnapshotChunk"), out _, out var reason));
        Assert.Equal(RejectReasons.WrongSchema, reason);
    }

    [Fact]
    public void ChunkHash_AgreesWithTheReferenceCentralsChunker()
    {
        var dataset = MemberDatasetGenerator.Generate(25);
        var (version, members, levels, gifts) = dataset.Snapshot();

        var chunks = SnapshotChunker.Chunks("s1", version, members, levels, gifts, chunkSize: 10).ToList();

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.True(ChunkHash.Matches(c)));
        var json = new Google.Protobuf.JsonFormatter(Google.Protobuf.JsonFormatter.Settings.Default.WithFormatDefaultValues(false)).Format(chunks[0]);
        Assert.True(MemberMessageDecoder.TryDecode<MemberSnapshotChunk>(new InboundMemberMessage("t", Encoding.UTF8.GetBytes(json), null, null, null), out var received, out _));
        Assert.True(ChunkHash.Matches(received));
        chunks[1].Batch.Members[0].Points++;
        Assert.False(ChunkHash.Matches(chunks[1]));
    }
}
