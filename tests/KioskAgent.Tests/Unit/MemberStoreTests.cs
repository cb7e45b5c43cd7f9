using KioskAgent.Members;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class MemberStoreTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("members");

    private MemberStore Open() => new(Path.Combine(_directory, MemberStore.FileName));

    [Fact]
    public void FindByCardUid_FindsTheMemberOfAnyOfItsCards_IgnoringCase()
    {
        using var store = Open();
        store.Upsert([new Member { MemberNumber = "M1", Cards = [new MemberCard { Uid = "aa01" }, new MemberCard { Uid = "BB02" }] }]);

        Assert.Equal("M1", store.FindByCardUid("bb02")?.MemberNumber);
        Assert.Equal("M1", store.FindByCardUid("AA01")?.MemberNumber);
        Assert.Null(store.FindByCardUid("CC03"));
    }

    [Fact]
    public void Upsert_ReplacesAMemberByNumber()
    {
        using var store = Open();
        store.Upsert([new Member { MemberNumber = "M1", Points = 1 }]);
        store.Upsert([new Member { MemberNumber = "M1", Points = 2 }]);

        Assert.Equal(1, store.Count());
        Assert.Equal(2, store.FindByMemberNumber("M1")!.Points);
    }

    [Fact]
    public void Reopen_KeepsTheMembers()
    {
        using (var store = Open())
        {
            store.Upsert([new Member { MemberNumber = "M1", Name = "王小明", Cards = [new MemberCard { Uid = "01" }] }]);
        }

        using var reopened = Open();
        Assert.Equal("王小明", reopened.FindByCardUid("01")?.Name);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
