namespace KioskAgent.Members;

/// <summary>How problems name the lists of a message: a batch's <c>members</c>, a delta's <c>upserts</c>, ...</summary>
public sealed record MemberDataSections(string Members, string Levels, string Gifts)
{
    public static MemberDataSections Batch { get; } = new("members", "levels", "gifts");

    public static MemberDataSections Delta { get; } = new("upserts", "levels", "gift_upserts");
}
