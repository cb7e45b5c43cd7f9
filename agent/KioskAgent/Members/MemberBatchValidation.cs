using KioskAgent.Rewards;

namespace KioskAgent.Members;

/// <summary>
/// A batch checked and mapped onto the domain: <see cref="Members"/>, <see cref="Levels"/> and
/// <see cref="Gifts"/> are in the batch's order (same positions), and usable only when
/// <see cref="Problems"/> is empty.
/// </summary>
public sealed record MemberBatchValidation(
    IReadOnlyList<Member> Members,
    IReadOnlyList<MemberLevel> Levels,
    IReadOnlyList<Gift> Gifts,
    IReadOnlyList<MemberDataProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Throws <see cref="MemberDataException"/> with every problem when there is any.</summary>
    public MemberBatchValidation ThrowIfInvalid() => IsValid ? this : throw new MemberDataException(Problems);
}
