using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KioskAgent.Members.Import;

/// <summary>
/// Imports a member file into the cache, all or nothing: decode, parse (every row), validate with
/// the cache's own rules, then apply in one transaction, or stop at the first stage that found
/// problems and report them all with their lines. A dry run stops before applying.
/// </summary>
public sealed partial class MemberImporter(MemberCache cache, TimeProvider time, ILogger<MemberImporter> logger)
{
    /// <summary>The most a file may hold; larger member sets come from central as snapshots.</summary>
    public const int MaxFileBytes = 64 * 1024 * 1024;

    private long _refused;
    private long _applied;

    /// <summary>Imports refused because the file had problems, since the agent started.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long Applied => Interlocked.Read(ref _applied);

    public MemberImportResult Import(ReadOnlySpan<byte> data, MemberImportRequest request)
    {
        var started = time.GetTimestamp();
        var problems = new MemberFileProblems();
        var file = Parse(data, request, problems);
        if (file is not null)
        {
            Validate(file, request, problems);
        }

        var applied = false;
        if (file is not null && problems.Count == 0 && !request.DryRun)
        {
            applied = Apply(file, request, problems);
        }

        var result = new MemberImportResult(
            applied,
            request.DryRun,
            file?.Batch.Members.Count ?? 0,
            file?.CardCount ?? 0,
            file?.Batch.Levels.Count ?? 0,
            file?.Batch.Gifts.Count ?? 0,
            problems.InFileOrder(),
            problems.Count,
            (int)cache.State.MemberCount,
            time.GetElapsedTime(started));
        Count(result, request);
        return result;
    }

    private static ParsedMemberFile? Parse(ReadOnlySpan<byte> data, MemberImportRequest request, MemberFileProblems problems)
    {
        if (ImportTextDecoder.Decode(data, request.Encoding, problems) is not { } text)
        {
            return null;
        }

        return request.Format == MemberFileFormat.Json ? MemberJsonParser.Parse(text, problems) : MemberCsvParser.Parse(text, problems);
    }

    /// <summary>The cache's own rules (the same ones <see cref="MemberCache.Import"/> applies), mapped back onto lines.</summary>
    private void Validate(ParsedMemberFile file, MemberImportRequest request, MemberFileProblems problems)
    {
        var batch = file.Batch;
        var levelCodes = cache.Levels().Select(l => l.Code).Concat(batch.Levels.Select(l => l.Code)).ToHashSet(StringComparer.Ordinal);
        var validation = MemberRecordValidator.Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes, MemberDataSections.Batch);
        AddAll(validation.Problems, file, request.Format, problems);

        // A file that will be applied is checked for cards owned by other members inside the
        // cache's transaction; one that will not (dry run, other problems) is checked here.
        if (request.DryRun || problems.Count > 0)
        {
            AddAll(OwnedElsewhere(validation.Members), file, request.Format, problems);
        }
    }

    /// <summary>
    /// Asks the cache who owns each card and QR token: a key that belongs to a member not in the
    /// file is a problem (the cache's transaction would refuse it).
    /// </summary>
    private List<MemberDataProblem> OwnedElsewhere(IReadOnlyList<Member> members)
    {
        var problems = new List<MemberDataProblem>();
        if (cache.State.MemberCount == 0)
        {
            return problems;
        }

        var inFile = members.Select(m => m.MemberNumber).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var (key, field) in MemberKeys.Unique(members[i]))
            {
                var value = key[MemberKeys.UidPrefix.Length..];
                var owner = key[..MemberKeys.UidPrefix.Length] switch
                {
                    MemberKeys.UidPrefix => cache.FindByCardUid(value),
                    MemberKeys.NumberPrefix => cache.FindByCardNumber(value),
                    _ => cache.FindByQrToken(value),
                };
                if (owner is not null && !inFile.Contains(owner.MemberNumber))
                {
                    problems.Add(new MemberDataProblem("members", i, field, $"{MemberKeys.Describe(key)} belongs to member {owner.MemberNumber}"));
                }
            }
        }

        return problems;
    }

    private bool Apply(ParsedMemberFile file, MemberImportRequest request, MemberFileProblems problems)
    {
        try
        {
            cache.Import(file.Batch, time.GetUtcNow());
            return true;
        }
        catch (MemberDataException ex)
        {
            AddAll(ex.Problems, file, request.Format, problems);
            if (problems.Count == 0)
            {
                problems.Add(0, "", "the member cache refused the data");
            }

            return false;
        }
    }

    private static void AddAll(IEnumerable<MemberDataProblem> found, ParsedMemberFile file, MemberFileFormat format, MemberFileProblems problems)
    {
        foreach (var problem in found)
        {
            var mapped = ImportProblemMapping.Map(problem, file, format);
            if (!problems.Has(mapped.Line, mapped.Field) || mapped.Line == 0)
            {
                problems.Add(mapped);
            }
        }
    }

    private void Count(MemberImportResult result, MemberImportRequest request)
    {
        var name = SafeFileName(request.FileName);
        var ms = (long)result.Elapsed.TotalMilliseconds;
        if (result.Applied)
        {
            Interlocked.Increment(ref _applied);
            LogApplied(name, result.Members, result.Cards, result.Levels, result.Gifts, result.CachedMembers, ms);
        }
        else if (result.ProblemCount > 0)
        {
            Interlocked.Increment(ref _refused);
            LogRefused(name, result.ProblemCount, result.DryRun, ms);
        }
        else
        {
            LogDryRun(name, result.Members, result.Cards, ms);
        }
    }

    /// <summary>The technician's file name, for the log: no path, no control characters, short.</summary>
    private static string SafeFileName(string fileName)
    {
        var name = UnsafeCharacters().Replace(Path.GetFileName(fileName), "_");
        return name.Length == 0 ? "(unnamed)" : name[..Math.Min(name.Length, 64)];
    }

    [GeneratedRegex(@"[^\w.\-]")]
    private static partial Regex UnsafeCharacters();

    [LoggerMessage(Level = LogLevel.Information, Message = "Member import {File} applied: {Members} members, {Cards} cards, {Levels} levels, {Gifts} gifts; {Cached} members cached ({ElapsedMs} ms)")]
    private partial void LogApplied(string file, int members, int cards, int levels, int gifts, int cached, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Member import {File} refused: {Problems} problems, nothing applied (dry run: {DryRun}; {ElapsedMs} ms)")]
    private partial void LogRefused(string file, int problems, bool dryRun, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Member import {File} checked (dry run): {Members} members, {Cards} cards, no problems ({ElapsedMs} ms)")]
    private partial void LogDryRun(string file, int members, int cards, long elapsedMs);
}
