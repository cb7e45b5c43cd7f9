using FsCheck.Xunit;
using KioskAgent.Draws;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Draws;

/// <summary>
/// Properties of exclusions (FsCheck picks a salt that seeds the inputs): staff and, unless allowed,
/// the event's earlier winners never win, never become an alternate who takes a prize, and are
/// listed in the committed rules; a person is in the pool once; the record verifies.
/// </summary>
[Trait("Category", TestCategories.Unit)]
public sealed class DrawExclusionPropertyTests
{
    [Property(MaxTest = 300)]
    public bool NobodyExcluded_CanWinOrTakeAPrize(int salt)
    {
        if (DrawCases.WithExclusions(new Random(salt)) is not { } d)
        {
            return true;
        }

        var excluded = d.Record.Commitment.Rules.Excluded.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var holders = d.Record.Winners.Select(w => w.Id).Concat(d.Record.Replacements.Select(r => r.By));
        return !holders.Any(excluded.Contains) && !d.Record.Order.Any(excluded.Contains) && !d.Record.Pool.Any(e => excluded.Contains(e.Id));
    }

    [Property(MaxTest = 300)]
    public bool StaffAlways_EarlierWinnersUnlessAllowed_AreListedWithTheirReason(int salt)
    {
        if (DrawCases.WithExclusions(new Random(salt)) is not { } d)
        {
            return true;
        }

        var listed = d.Record.Commitment.Rules.Excluded.ToDictionary(e => e.Id, e => e.Reason, StringComparer.Ordinal);
        return d.Selection.Candidates.All(c =>
            c.IsStaff ? listed.GetValueOrDefault(c.Entrant.Id) == DrawExclusion.Staff
            : d.EarlierWinners.Contains(c.Person) && !d.Allowed ? listed.GetValueOrDefault(c.Entrant.Id) == DrawExclusion.EarlierWinner
            : !listed.ContainsKey(c.Entrant.Id));
    }

    [Property(MaxTest = 300)]
    public bool OneEntryPerPerson_AndTheRecordVerifies(int salt)
    {
        if (DrawCases.WithExclusions(new Random(salt)) is not { } d)
        {
            return true;
        }

        var persons = d.Selection.Candidates.Select(c => c.Person).ToList();
        return persons.Count == persons.Distinct(StringComparer.Ordinal).Count()
            && persons.ToHashSet(StringComparer.Ordinal).SetEquals(d.Candidates.Select(c => c.Person))
            && DrawVerifier.Verify(d.Record.ToCanonicalJson()).IsValid;
    }
}
