using System.Security.Cryptography;
using System.Text;
using KioskAgent.Hosting;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
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

    private static SqliteConnection Sql(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static byte[] Record(SqliteConnection db, long id)
    {
        using var read = db.CreateCommand();
        read.CommandText = "SELECT record FROM members WHERE id = $id";
        read.Parameters.AddWithValue("$id", id);
        return (byte[])read.ExecuteScalar()!;
    }

    private static void SetRecord(SqliteConnection db, long id, byte[] record)
    {
        using var write = db.CreateCommand();
        write.CommandText = "UPDATE members SET record = $r WHERE id = $id";
        write.Parameters.AddWithValue("$r", record);
        write.Parameters.AddWithValue("$id", id);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private static bool TryParseMember(byte[] bytes)
    {
        try
        {
            return KioskAgent.Contracts.V1.MemberRecord.Parser.ParseFrom(bytes).MemberNumber.StartsWith('M');
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>Members M1 (card 01, row 1) and M2 (card 02, row 2) from snapshot 7, the cache closed.</summary>
    private void FillTwo()
    {
        using var cache = new MemberCache(_directory, MemberRecords.Secret);
        cache.ReplaceAll([MemberRecords.Batch(MemberRecords.Member("M1", "01"), MemberRecords.Member("M2", "02"))], 7, "snap-7", T0);
        Assert.Equal("M1", cache.FindByCardUid("01")?.MemberNumber);
    }

    [Fact]
    public void TheFilesOnDisk_HoldNoNamePhoneOrMemberNumberInPlainText_WhileOpenAndAfterClose()
    {
        using (FillOpen(MemberRecords.Secret))
        {
            // The import after the snapshot sits in the write-ahead log until a checkpoint.
            Assert.Contains(Directory.GetFiles(_directory), f => f.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(f).Length > 0);
            AssertNoPlainText();
        }

        AssertNoPlainText();
    }

    [Fact]
    public void TheSameDataWithoutEncryption_WouldShowThem()
    {
        // Guards the test above: the search does find plain text in an unencrypted SQLite file and its log.
        var path = Path.Combine(_directory, "plain.db");
        using (var db = Sql(path))
        {
            Execute(db, "PRAGMA journal_mode = WAL; CREATE TABLE m (number TEXT PRIMARY KEY, name TEXT)");
            Execute(db, "INSERT INTO m VALUES ('MEMBER4242', '欧阳娜娜')");
            Assert.True(Contains(File.ReadAllBytes(path + "-wal"), "欧阳娜娜"));
        }

        var bytes = File.ReadAllBytes(path);
        Assert.True(Contains(bytes, "MEMBER4242") && Contains(bytes, "欧阳娜娜"));
    }

    [Fact]
    public void TheFile_HoldsKeyedHashesAndCiphertextOnly_NoProtobufRecordReadsWithoutTheKey()
    {
        Fill(MemberRecords.Secret);

        using var db = Sql(LivePath);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT record FROM members";
        using var reader = command.ExecuteReader();
        var records = 0;
        while (reader.Read())
        {
            var bytes = reader.GetFieldValue<byte[]>(0);
            Assert.False(TryParseMember(bytes) || TryParseMember(bytes[12..^16]));
            records++;
        }

        Assert.Equal(2, records);
    }

    [Fact]
    public void RecordsSwappedBetweenRows_AreNeverShown_AndTheCacheAsksForAFullSnapshot()
    {
        FillTwo();
        using (var db = Sql(LivePath))
        {
            var first = Record(db, 1);
            var second = Record(db, 2);
            SetRecord(db, 1, second);
            SetRecord(db, 2, first);
        }

        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.Null(cache.FindByCardUid("01"));
        Assert.Null(cache.FindByCardUid("02"));
        Assert.Null(cache.FindByMemberNumber("M2"));
        Assert.Equal(0UL, cache.State.Version);
    }

    [Fact]
    public void AKeyPointedAtAnotherMembersRow_FindsNobody_NeverTheWrongMember()
    {
        FillTwo();
        using (var db = Sql(LivePath))
        {
            Execute(db, "UPDATE keys SET member = 2");
        }

        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.Null(cache.FindByCardUid("01"));
        Assert.Null(cache.FindByMemberNumber("M1"));
        Assert.Equal(0UL, cache.State.Version);
    }

    [Fact]
    public void ATamperedRecord_IsNotShown_AndTheNextDeltaIsAGap()
    {
        FillTwo();
        using (var db = Sql(LivePath))
        {
            // One bit of the first member's ciphertext.
            var record = Record(db, 1);
            record[20] ^= 1;
            SetRecord(db, 1, record);
        }

        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.Equal("M2", cache.FindByCardUid("02")?.MemberNumber);
        Assert.Null(cache.FindByCardUid("01"));
        Assert.Equal(0UL, cache.State.Version);
        Assert.Equal(DeltaResult.Gap, cache.ApplyDelta(MemberRecords.Delta(8, MemberRecords.Member("M3", "03")), T0));
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

        Assert.Equal("unreadable", cache.RebuiltBecause);
        Assert.Equal(0, cache.State.MemberCount);
        cache.Import(MemberRecords.Batch(MemberRecords.Member("M1", "01")), T0);
        Assert.Equal("M1", cache.FindByCardUid("01")?.MemberNumber);
    }

    [Fact]
    public void ASqliteFileOfSomethingElse_IsRebuiltAsUnreadable()
    {
        using (var db = Sql(LivePath))
        {
            Execute(db, "CREATE TABLE other (x INTEGER)");
        }

        using var cache = new MemberCache(_directory, MemberRecords.Secret);

        Assert.Equal("unreadable", cache.RebuiltBecause);
        Assert.Equal(MemberCacheState.Empty, cache.State);
    }

    [Fact]
    public void Keys_AreHkdfSha256OfTheSecret_WithOneInfoPerPurpose()
    {
        // RFC 5869 by hand: PRK = HMAC(zero salt, secret); OKM = HMAC(PRK, info || 0x01) (32 bytes: one block).
        var prk = HMACSHA256.HashData(new byte[32], MemberRecords.Secret);

        Assert.Equal(HMACSHA256.HashData(prk, Encoding.ASCII.GetBytes("kiosk-member-cache-v2-aead\u0001")), MemberCacheKey.RecordKey(MemberRecords.Secret));
        Assert.Equal(HMACSHA256.HashData(prk, Encoding.ASCII.GetBytes("kiosk-member-cache-v2-lookup\u0001")), MemberCacheKey.LookupKey(MemberRecords.Secret));
        Assert.Throws<ArgumentException>(() => MemberCacheKey.RecordKey(new byte[8]));
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
