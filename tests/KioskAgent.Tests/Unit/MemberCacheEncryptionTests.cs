using System.Security.Cryptography;
using System.Text;
using KioskAgent.Hosting;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberCacheEncryptionTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _directory = TestPaths.NewTempDirectory("members");

    private string LivePath => Path.Combine(_directory, MemberCache.FileName);

    private void Fill(byte[] secret)
    {
        using var cache = FillOpen(secret);
    }

    private MemberCache FillOpen(byte[] secret)
    {
        var cache = new MemberCache(_directory, secret);
        var member = MemberRecords.Member("MEMBER4242", "04A1B2C3");
        member.Name = "欧阳娜娜";
        member.Phone = "13987654321";
        cache.ReplaceAll([MemberRecords.Batch(member)], 1, "snap-1", T0);
        cache.Import(MemberRecords.Batch(MemberRecords.Member("MEMBER4343", "04A1B2C4")), T0);
        return cache;
    }

    private void AssertNoPlainText()
    {
        var files = Directory.GetFiles(_directory);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            Assert.False(Contains(bytes, "欧阳娜娜"), file);
            Assert.False(Contains(bytes, "13987654321"), file);
            Assert.False(Contains(bytes, "MEMBER4242"), file);
            Assert.False(Contains(bytes, "MEMBER4343"), file);
        }
    }

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    public void TheFilesOnDisk_HoldNoNamePhoneOrMemberNumberInPlainText_WhileOpenAndAfterClose()
    {
        using (FillOpen(MemberRecords.Secret))
        {
            Assert.Contains(Directory.GetFiles(_directory), f => f.EndsWith("-log.db", StringComparison.Ordinal));
            AssertNoPlainText();
        }

        AssertNoPlainText();
    }

    [Fact]
    public void TheSameDataWithoutEncryption_WouldShowThem()
    {
        // Guards the test above: the search does find plain text in an unencrypted LiteDB file.
        var path = Path.Combine(_directory, "plain.db");
        using (var db = new LiteDatabase(path))
        {
            db.GetCollection("m").Insert(new BsonDocument { ["_id"] = "MEMBER4242", ["n"] = "欧阳娜娜" });
        }

        var bytes = File.ReadAllBytes(path);
        Assert.True(Contains(bytes, "MEMBER4242") && Contains(bytes, "欧阳娜娜"));
    }

    [Fact]
    public void OpeningTheFileWithoutThePassword_Fails()
    {
        Fill(MemberRecords.Secret);

        Assert.ThrowsAny<LiteException>(() =>
        {
            using var db = new LiteDatabase(new ConnectionString { Filename = LivePath, ReadOnly = true });
            db.GetCollection("members").Count();
        });
    }

    [Fact]
    public void AnotherSecret_RebuildsAnEmptyCache_AskingForAFullSnapshot()
    {
        Fill(MemberRecords.Secret);
        var other = MemberRecords.Secret.Select(b => (byte)(b ^ 0xFF)).ToArray();

        using var cache = new MemberCache(_directory, other);

        Assert.Equal("wrong_secret", cache.RebuiltBecause);
        Assert.Equal(MemberCacheState.Empty, cache.State);
        Assert.Null(cache.FindByCardUid("04A1B2C3"));
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01")), T0);
        Assert.Equal("M1", cache.FindByCardUid("01")?.MemberNumber);
    }

    [Fact]
    public void AnUnreadableFile_IsRebuiltToo()
    {
        File.WriteAllBytes(LivePath, RandomNumberGenerator.GetBytes(64 * 1024));

        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.NotNull(cache.RebuiltBecause);
        Assert.Equal(0, cache.State.MemberCount);
    }

    [Fact]
    public void Password_IsHexOfHkdfSha256OfTheSecret_WithTheCacheInfo()
    {
        // RFC 5869 by hand: PRK = HMAC(zero salt, secret); OKM = HMAC(PRK, info || 0x01) (32 bytes: one block).
        var prk = HMACSHA256.HashData(new byte[32], MemberRecords.Secret);
        var okm = HMACSHA256.HashData(prk, Encoding.ASCII.GetBytes("kiosk-member-cache-v1\u0001"));

        Assert.Equal(Convert.ToHexStringLower(okm), MemberCacheKey.Password(MemberRecords.Secret));
        Assert.Throws<ArgumentException>(() => MemberCacheKey.Password(new byte[8]));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void KioskSecret_MissingFile_IsCreatedWith32RandomBytesReadableByTheOwnerOnly()
    {
        var options = Options.Create(new KioskOptions { DataDirectory = _directory });
        var path = Path.Combine(_directory, KioskSecret.DefaultFileName);

        var created = new KioskSecret(options, NullLogger<KioskSecret>.Instance);
        var again = new KioskSecret(options, NullLogger<KioskSecret>.Instance);

        Assert.Equal(32, created.Bytes.Length);
        Assert.Equal(created.Bytes.ToArray(), again.Bytes.ToArray());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void KioskSecret_SecretFileSetting_IsWhereTheSecretIsRead()
    {
        var path = Path.Combine(_directory, "provisioned.secret");
        File.WriteAllBytes(path, MemberRecords.Secret);

        var secret = new KioskSecret(Options.Create(new KioskOptions { DataDirectory = _directory, SecretFile = path }), NullLogger<KioskSecret>.Instance);

        Assert.Equal(MemberRecords.Secret, secret.Bytes.ToArray());
        Assert.False(File.Exists(Path.Combine(_directory, KioskSecret.DefaultFileName)));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
