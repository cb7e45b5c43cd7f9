namespace KioskAgent.Members;

/// <summary>
/// Validated changes to apply to the live cache in one transaction: from a delta (levels replace
/// the table) or an import (levels are merged).
/// </summary>
internal sealed record MemberChanges(
    MemberBatchValidation Data,
    IReadOnlyList<string> RemovedMemberNumbers,
    IReadOnlyList<string> RemovedGiftCodes,
    bool ReplaceLevels,
    string MembersSection)
{
    /// <summary>
    /// Applies the changes inside the caller's transaction on <paramref name="file"/>'s writer and
    /// returns how the member count moved. Upserted members are removed first, so a card may move
    /// between members of the same change; a key still owned by a member outside it is a problem,
    /// reported for every record. <paramref name="members"/> are <see cref="MemberBatchValidation.Members"/>
    /// sealed from the next free row id on.
    /// </summary>
    public long ApplyTo(MemberCacheConnection file, Func<long, IReadOnlyList<SealedMember>> members)
    {
        long countChange = 0;
        foreach (var number in RemovedMemberNumbers.Concat(Data.Members.Select(m => m.MemberNumber)))
        {
            countChange -= file.DeleteMember(number) ? 1 : 0;
        }

        var problems = new List<MemberDataProblem>();
        for (var i = 0; i < Data.Members.Count; i++)
        {
            foreach (var (key, field) in MemberKeys.Unique(Data.Members[i]))
            {
                if (file.OwnerOf(key) is { } owner)
                {
                    problems.Add(new MemberDataProblem(MembersSection, i, field, $"{MemberKeys.Describe(key)} belongs to member {owner}"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new MemberDataException(problems);
        }

        countChange += file.InsertMembers(members(file.NextRowId()));
        ApplyCatalogue(file);
        return countChange;
    }

    private void ApplyCatalogue(MemberCacheConnection file)
    {
        foreach (var code in RemovedGiftCodes)
        {
            file.DeleteGift(code);
        }

        foreach (var gift in Data.Gifts)
        {
            file.WriteGift(gift, replace: true);
        }

        if (ReplaceLevels && Data.Levels.Count > 0)
        {
            file.DeleteAllLevels();
        }

        foreach (var level in Data.Levels)
        {
            file.WriteLevel(level, replace: true);
        }
    }
}
