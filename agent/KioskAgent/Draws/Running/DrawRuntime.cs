using KioskAgent.Contracts.V1;
using KioskAgent.Draws.Pools;
using KioskAgent.Draws.Sessions;
using KioskAgent.Journal;
using KioskAgent.Screen;
using KioskAgent.Staff;
using KioskAgent.Taps;

namespace KioskAgent.Draws.Running;

/// <summary>
/// Runs prize draws for staff. Commit before show: each step is stored (draws.db), then journaled,
/// and only then does the stage show it; a step a crash left unjournaled is journaled by
/// <see cref="RecoverAsync"/>, and a draw made but not revealed is revealed there (same seed, same
/// winners). One action at a time. Takes member taps while a draw is on stage.
/// </summary>
public sealed partial class DrawRuntime(
    DrawSessions sessions,
    SqliteDrawCatalog catalog,
    IDrawPoolSource checkIns,
    TransactionJournal journal,
    IStaffSessions staff,
    StaffTapRouter taps,
    ScreenBroadcaster screen,
    IDrawPublisher publisher,
    IDrawPrinter printer,
    IDrawJoinIdentity joiners,
    DrawEntrantCodes codes,
    DrawPersonKeys persons,
    TimeProvider time,
    ILogger<DrawRuntime> logger) : IStaffTapConsumer, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DrawSession> _open = new(StringComparer.Ordinal);
    private IDisposable? _claim;

    public string Name => "draw";

    public async Task<DrawStageView> CreateAsync(DrawSpec spec, CancellationToken cancellationToken)
    {
        if (!DrawSpec.IsValidId(spec.DrawId))
        {
            throw new DrawRefusedException(DrawRefusal.InvalidArgument, "draw_id must be 1-64 letters, digits, '-' or '_'");
        }

        return await Locked(async () =>
        {
            var who = Staff(StaffRole.Staff);
            if (!catalog.TryAdd(spec))
            {
                throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"draw {spec.DrawId} exists");
            }

            if (spec.PoolMode != DrawPoolMode.TapToJoin)
            {
                try
                {
                    await FreezeLockedAsync(spec, who, cancellationToken).ConfigureAwait(false);
                }
                catch (DrawRefusedException ex)
                {
                    // Refused before its first step: nothing of it is journaled or published, so
                    // it is not kept as a draw (it would be offered to reopen and block its id).
                    catalog.Forget(spec.DrawId);
                    LogCreateRefused(spec.DrawId, ex.Message, who.StaffId);
                    throw;
                }
            }

            LogCreated(spec.DrawId, spec.PoolMode, who.StaffId);

            return Show(spec, await FindSession(spec.DrawId, cancellationToken).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    public Task<DrawStageView> FreezeAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        var who = Staff(StaffRole.Staff);
        var spec = Spec(drawId);
        if (await FindSession(drawId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"the pool of draw {drawId} is frozen already");
        }

        await FreezeLockedAsync(spec, who, cancellationToken).ConfigureAwait(false);
        return Show(spec, await FindSession(drawId, cancellationToken).ConfigureAwait(false));
    });

    public Task<DrawStageView> CommitAsync(string drawId, CancellationToken cancellationToken) =>
        StepAsync(drawId, StaffRole.Staff, (s, who) => sessions.CommitAsync(s, who, cancellationToken), cancellationToken, printCommitment: true);

    public Task<DrawStageView> ContributeAsync(string drawId, string contribution, CancellationToken cancellationToken) =>
        StepAsync(drawId, StaffRole.Staff, (s, who) => sessions.StepAsync(s, s.AddContribution(contribution) with { StaffId = who }, cancellationToken), cancellationToken);

    /// <summary>Draws and reveals at once: after the draw nothing can change the result, so the seed has nothing left to hide.</summary>
    public Task<DrawStageView> DrawAsync(string drawId, CancellationToken cancellationToken) =>
        StepAsync(drawId, StaffRole.Staff, async (s, who) =>
        {
            await sessions.StepAsync(s, s.Draw() with { StaffId = who }, cancellationToken).ConfigureAwait(false);
            await sessions.StepAsync(s, s.Reveal() with { StaffId = who }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<DrawStageView> ClaimAsync(string drawId, int tier, string entrantId, CancellationToken cancellationToken) =>
        StepAsync(drawId, StaffRole.Staff, (s, who) => sessions.StepAsync(s, s.MarkClaimed(tier, entrantId) with { StaffId = who }, cancellationToken), cancellationToken);

    /// <summary>Absent: staff may; disqualified (voiding a winner): a supervisor only.</summary>
    public Task<DrawStageView> ReplaceAsync(string drawId, int tier, string entrantId, string reason, CancellationToken cancellationToken)
    {
        if (!DrawReplacement.IsKnownReason(reason))
        {
            throw new DrawRefusedException(DrawRefusal.InvalidArgument, $"reason must be '{DrawReplacement.Absent}' or '{DrawReplacement.Disqualified}'");
        }

        var role = reason == DrawReplacement.Disqualified ? StaffRole.Supervisor : StaffRole.Staff;
        return StepAsync(drawId, role, (s, who) => sessions.StepAsync(s, s.Replace(tier, entrantId, reason) with { StaffId = who }, cancellationToken), cancellationToken);
    }

    public Task<DrawStageView> LockAsync(string drawId, CancellationToken cancellationToken) =>
        StepAsync(drawId, StaffRole.Staff, (s, who) => sessions.StepAsync(s, s.Lock() with { StaffId = who }, cancellationToken), cancellationToken);

    public Task<DrawStageView> GetAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        var spec = Spec(drawId);
        return DrawStageViews.For(spec, await FindSession(drawId, cancellationToken).ConfigureAwait(false), catalog.JoinCount(drawId));
    });

    /// <summary>Puts the draw on stage (and takes member taps for it) until <see cref="LeaveStageAsync"/>.</summary>
    public Task<DrawStageView> ShowAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        var spec = Spec(drawId);
        return Show(spec, await FindSession(drawId, cancellationToken).ConfigureAwait(false));
    });

    /// <summary>Back to member self-service: the stage closes and taps go to members again.</summary>
    public Task<DrawStageView> LeaveStageAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        var spec = Spec(drawId);
        catalog.SetStage(null);
        _claim?.Dispose();
        _claim = null;
        screen.ShowIdle();
        return DrawStageViews.For(spec, await FindSession(drawId, cancellationToken).ConfigureAwait(false), catalog.JoinCount(drawId));
    });

    /// <summary>
    /// Closes the stage for the set-up screen (member taps go back to members) and lists the draws
    /// created since <paramref name="since"/>, newest first: a draw still joining has no steps yet
    /// and is listed while it is among the newest.
    /// </summary>
    public Task<IReadOnlyList<DrawSetupDraw>> CloseStageForSetupAsync(DateTimeOffset since, int max, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        catalog.SetStage(null);
        _claim?.Dispose();
        _claim = null;
        var list = new List<DrawSetupDraw>();
        foreach (var drawId in catalog.Recent(max))
        {
            var session = await FindSession(drawId, cancellationToken).ConfigureAwait(false);
            if ((session is null || session.Steps[0].At >= since) && catalog.Find(drawId) is { } spec)
            {
                list.Add(new DrawSetupDraw { DrawId = drawId, Title = spec.Title, State = DrawStageViews.StateOf(session) });
            }
        }

        return (IReadOnlyList<DrawSetupDraw>)list;
    });

    /// <summary>The revealed record's canonical JSON.</summary>
    public Task<byte[]> ExportAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        Spec(drawId);
        return (await Revealed(drawId, cancellationToken).ConfigureAwait(false)).Record!.ToCanonicalJson();
    });

    /// <summary>Prints the record; null when queued, else why not.</summary>
    public Task<(string JobId, string? Reason)> PrintRecordAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        Staff(StaffRole.Staff);
        var spec = Spec(drawId);
        var session = await Revealed(drawId, cancellationToken).ConfigureAwait(false);
        var job = DrawReceipts.JobId("record");
        return (job, printer.Print(job, DrawReceipts.Record(spec.Title, session)));
    });

    /// <summary>
    /// After a start: reveals a draw a crash left drawn but unrevealed (the same seed, so the same
    /// winners), journals any step a crash left unjournaled, republishes, and puts the stage back.
    /// </summary>
    public Task RecoverAsync(CancellationToken cancellationToken) => Locked(async () =>
    {
        foreach (var drawId in catalog.All())
        {
            if (await FindSession(drawId, cancellationToken).ConfigureAwait(false) is not { } session)
            {
                continue;
            }

            if (session.State == DrawState.Drawn && session.Steps[^1].Kind == DrawStepKind.Drawn)
            {
                await sessions.StepAsync(session, session.Reveal() with { StaffId = session.Steps[^1].StaffId }, cancellationToken).ConfigureAwait(false);
                LogRevealedAfterRestart(drawId);
            }

            await JournalAsync(Spec(drawId), session, cancellationToken).ConfigureAwait(false);
            if (session.Commitment is not null)
            {
                publisher.Changed(drawId);
            }
        }

        if (catalog.Stage is { } stage && catalog.Find(stage) is { } spec)
        {
            Show(spec, await FindSession(stage, cancellationToken).ConfigureAwait(false));
        }

        return true;
    });

    /// <summary>A member tap while a draw is on stage: joins it when joining is open, else is refused on the stage.</summary>
    public Task HandleTapAsync(Tap tap, CancellationToken cancellationToken) => Locked(async () =>
    {
        if (catalog.Stage is not { } drawId || catalog.Find(drawId) is not { } spec)
        {
            return false;
        }

        var session = await FindSession(drawId, cancellationToken).ConfigureAwait(false);
        var view = DrawStageViews.For(spec, session, catalog.JoinCount(drawId));
        if (spec.PoolMode != DrawPoolMode.TapToJoin || session is not null)
        {
            view.JoinRefusal = "joining_closed";
        }
        else if (joiners.Resolve(tap, out var refusal) is not { } member)
        {
            view.JoinRefusal = refusal;
        }
        else
        {
            var code = codes.For(spec.ActivityId.Length > 0 ? spec.ActivityId : spec.DrawId, member.MemberNumber);
            var person = persons.For(member.MemberNumber);
            var earlier = await EarlierWinners(spec, cancellationToken).ConfigureAwait(false);
            if (!spec.AllowEarlierWinners && (earlier.Persons.Contains(person) || earlier.Ids.Contains(code)))
            {
                view.JoinRefusal = DrawExclusion.EarlierWinner;
            }
            else
            {
                catalog.TryJoin(drawId, new DrawJoin(code, member.MaskedName, person));
                view.PoolCount = (uint)catalog.JoinCount(drawId);
                (view.JoinedCode, view.JoinedMaskedName) = (code, member.MaskedName);
            }
        }

        screen.Show(new Contracts.V1.Screen { DrawStage = view }, TimeSpan.Zero);
        return true;
    });

    /// <summary>What a draw has retained on MQTT now: its commitment, and its record once revealed (the latest, with replacements).</summary>
    public Task<IReadOnlyList<(string Suffix, Google.Protobuf.IMessage Message)>> PublicationsAsync(string drawId, CancellationToken cancellationToken) => Locked(async () =>
    {
        var list = new List<(string, Google.Protobuf.IMessage)>();
        if (catalog.Find(drawId) is not { } spec || await FindSession(drawId, cancellationToken).ConfigureAwait(false) is not { Commitment: not null } session)
        {
            return (IReadOnlyList<(string, Google.Protobuf.IMessage)>)list;
        }

        var committed = session.Steps.First(s => s.Kind == DrawStepKind.Committed);
        list.Add(("commitment", DrawTransactions.Committed(session, (uint)committed.Sequence, committed.StaffId ?? "", spec.ActivityId)));
        if (session.Record is { } record)
        {
            var last = session.Steps[^1];
            var json = System.Text.Encoding.UTF8.GetString(record.ToCanonicalJson());
            list.Add(("record", session.State == DrawState.Locked
                ? new DrawLocked { DrawId = drawId, Step = (uint)last.Sequence, RecordJson = json, StaffId = last.StaffId ?? "" }
                : new DrawRevealed { DrawId = drawId, Step = (uint)last.Sequence, RecordJson = json, ActivityId = spec.ActivityId }));
        }

        return list;
    });

    /// <summary>
    /// Where a member stands in a draw's revealed result (the 选房 admission): drawn when their entry
    /// (their person key) or one of their groups (their tags) is among the first
    /// <paramref name="admitFirst"/> places of an order draw (0: every place), or holds a prize of a
    /// prize draw; not held until the seed is revealed.
    /// </summary>
    public Task<Activities.DrawStanding> StandingAsync(string drawId, string memberNumber, IEnumerable<string> tags, int admitFirst, CancellationToken cancellationToken) => Locked(async () =>
    {
        if (catalog.Find(drawId) is null || await FindSession(drawId, cancellationToken).ConfigureAwait(false) is not { Record: { } record } session)
        {
            return Activities.DrawStanding.NotHeld;
        }

        var mine = catalog.EntrantsOf(drawId, tags.Select(DrawPersonKeys.ForGroup).Append(persons.For(memberNumber))).ToHashSet(StringComparer.Ordinal);
        var drawn = record.Commitment.Rules.Type == DrawType.Order
            ? record.Order.Take(admitFirst > 0 ? admitFirst : record.Order.Count)
            : session.CurrentWinners.Select(w => w.Id);
        return drawn.Any(mine.Contains) ? Activities.DrawStanding.Drawn : Activities.DrawStanding.NotDrawn;
    });

    /// <summary>Every draw on this kiosk, oldest id first.</summary>
    public Task<IReadOnlyList<string>> DrawIdsAsync() => Locked(() => Task.FromResult(catalog.All()));

    public void Dispose()
    {
        _claim?.Dispose();
        _gate.Dispose();
    }

    private async Task<DrawStageView> StepAsync(string drawId, StaffRole role, Func<DrawSession, string, Task> step, CancellationToken cancellationToken, bool printCommitment = false) => await Locked(async () =>
    {
        var who = Staff(role);
        var spec = Spec(drawId);
        var session = await FindSession(drawId, cancellationToken).ConfigureAwait(false)
            ?? throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"the pool of draw {drawId} is not frozen yet");
        try
        {
            await step(session, who.StaffId).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new DrawRefusedException(DrawRefusal.InvalidArgument, ex.Message);
        }

        LogStep(drawId, session.Steps[^1].Kind, who.StaffId);
        await JournalAsync(spec, session, cancellationToken).ConfigureAwait(false);
        if (session.Commitment is not null)
        {
            publisher.Changed(drawId);
        }

        if (printCommitment && printer.Print(DrawReceipts.JobId("commitment"), DrawReceipts.Commitment(spec.Title, session)) is { } reason)
        {
            LogNotPrinted(drawId, reason);
        }

        return Show(spec, session);
    }).ConfigureAwait(false);

    /// <summary>
    /// Freezes the pool: the candidates of its source, one per person, staff and (unless allowed)
    /// the event's earlier winners listed as excluded in the rules. The person behind each entrant is
    /// kept first, so a draw never exists without it.
    /// </summary>
    private async Task FreezeLockedAsync(DrawSpec spec, StaffIdentity who, CancellationToken cancellationToken)
    {
        IReadOnlyList<PoolCandidate> candidates = spec.PoolMode switch
        {
            DrawPoolMode.CheckIns => await checkIns.CheckedInAsync(spec.ActivityId, cancellationToken).ConfigureAwait(false),
            DrawPoolMode.Groups => [.. spec.Groups.Select(g => new PoolCandidate(g, DrawPersonKeys.ForGroup(g.Id)))],
            _ => [.. catalog.Joins(spec.DrawId).Select(j => new PoolCandidate(new DrawEntrant(j.EntrantId, j.MaskedName), j.Person.Length > 0 ? j.Person : $"entrant:{j.EntrantId}"))],
        };
        var earlier = await EarlierWinners(spec, cancellationToken).ConfigureAwait(false);
        var selection = PoolExclusions.Apply(candidates, earlier.Persons, earlier.Ids, spec.AllowEarlierWinners);
        var rules = spec.Rules with { Excluded = [.. spec.Rules.Excluded.Concat(selection.Excluded).DistinctBy(e => e.Id).OrderBy(e => e.Id, DrawEncoding.Utf8Order)] };
        catalog.SetPersons(spec.DrawId, selection.Candidates.Select(c => (c.Entrant.Id, c.Person)));
        try
        {
            _open[spec.DrawId] = await sessions.StartAsync(spec.DrawId, rules, selection.Entrants, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            catalog.ClearPersons(spec.DrawId);
            throw new DrawRefusedException(DrawRefusal.FailedPrecondition, ex.Message);
        }

        var staffCount = selection.Excluded.Count(e => e.Reason == DrawExclusion.Staff);
        LogFrozen(spec.DrawId, _open[spec.DrawId].Pool.Count, staffCount, selection.Excluded.Count - staffCount, who.StaffId);
    }

    /// <summary>
    /// Who won the event's other draws (as the prizes stand after replacements): their person keys,
    /// and the ids of winners of draws that kept no person keys (made before them).
    /// </summary>
    private async Task<(HashSet<string> Persons, HashSet<string> Ids)> EarlierWinners(DrawSpec spec, CancellationToken cancellationToken)
    {
        var persons = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Event.Length == 0)
        {
            return (persons, ids);
        }

        foreach (var other in catalog.OfEvent(spec.Event).Where(id => id != spec.DrawId))
        {
            if (await FindSession(other, cancellationToken).ConfigureAwait(false) is not { } s)
            {
                continue;
            }

            foreach (var winner in s.CurrentWinners)
            {
                if (catalog.PersonOf(other, winner.Id) is { } person)
                {
                    persons.Add(person);
                }
                else
                {
                    ids.Add(winner.Id);
                }
            }
        }

        return (persons, ids);
    }

    private async Task JournalAsync(DrawSpec spec, DrawSession session, CancellationToken cancellationToken)
    {
        for (var seq = 0; seq < session.Steps.Count; seq++)
        {
            if (catalog.IsJournaled(spec.DrawId, seq))
            {
                continue;
            }

            if (DrawTransactions.For(session, seq, spec.ActivityId, time) is { } transaction)
            {
                await journal.AppendAsync(transaction, DrawTransactions.Kind(transaction), session.Steps[seq].At, cancellationToken).ConfigureAwait(false);
            }

            catalog.MarkJournaled(spec.DrawId, seq);
        }
    }

    private DrawStageView Show(DrawSpec spec, DrawSession? session)
    {
        var view = DrawStageViews.For(spec, session, catalog.JoinCount(spec.DrawId));
        if (catalog.Stage != spec.DrawId)
        {
            catalog.SetStage(spec.DrawId);
        }

        _claim ??= taps.Take(this);
        screen.Show(new Contracts.V1.Screen { DrawStage = view }, TimeSpan.Zero);
        return view;
    }

    private async Task<DrawSession?> FindSession(string drawId, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(drawId, out var session))
        {
            return session;
        }

        session = await sessions.ResumeAsync(drawId, cancellationToken).ConfigureAwait(false);
        if (session is not null)
        {
            _open[drawId] = session;
        }

        return session;
    }

    private async Task<DrawSession> Revealed(string drawId, CancellationToken cancellationToken) =>
        await FindSession(drawId, cancellationToken).ConfigureAwait(false) is { Record: not null } session
            ? session
            : throw new DrawRefusedException(DrawRefusal.FailedPrecondition, $"draw {drawId} is not drawn yet: its record exists once the seed is revealed");

    private DrawSpec Spec(string drawId) =>
        catalog.Find(drawId) ?? throw new DrawRefusedException(DrawRefusal.NotFound, $"no draw {drawId} on this kiosk");

    private StaffIdentity Staff(StaffRole required)
    {
        var who = staff.Current ?? throw new DrawRefusedException(DrawRefusal.PermissionDenied, "draws are run in staff mode: log in with a staff card and PIN");
        return who.May(required) ? who : throw new DrawRefusedException(DrawRefusal.PermissionDenied, $"only a {required.ToString().ToLowerInvariant()} may do this");
    }

    private async Task<T> Locked<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draw {DrawId} created ({Mode}) by staff {StaffId}")]
    private partial void LogCreated(string drawId, DrawPoolMode mode, string staffId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draw {DrawId} not created, its pool could not be frozen: {Reason} (staff {StaffId})")]
    private partial void LogCreateRefused(string drawId, string reason, string staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draw {DrawId} pool frozen: {Count} entrants, {Staff} staff and {Earlier} earlier winners excluded, by staff {StaffId}")]
    private partial void LogFrozen(string drawId, int count, int staff, int earlier, string staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draw {DrawId}: {Kind} by staff {StaffId}")]
    private partial void LogStep(string drawId, DrawStepKind kind, string staffId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draw {DrawId} was drawn but not revealed when the agent stopped: revealed now, same seed, same winners")]
    private partial void LogRevealedAfterRestart(string drawId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draw {DrawId}: the commitment slip was not printed ({Reason})")]
    private partial void LogNotPrinted(string drawId, string reason);
}
