using Grpc.Core;
using KioskAgent.Api.Technicians;
using KioskAgent.Contracts.V1;
using KioskAgent.Members.Import;

namespace KioskAgent.Api;

/// <summary>Member data administration for technicians: a member file streamed in, imported all or nothing.</summary>
[RequiresTechnician]
public sealed class MemberAdminGrpcService(MemberImporter importer, Staff.Import.StaffImporter staffImporter) : MemberAdmin.MemberAdminBase
{
    /// <summary>Problems sent back; the response says how many there were in all.</summary>
    public const int MaxProblemsReturned = 200;

    public override async Task<ImportMembersResponse> ImportMembers(IAsyncStreamReader<ImportMembersChunk> requestStream, ServerCallContext context)
    {
        using var data = new MemoryStream();
        ImportMembersChunk? first = null;
        await foreach (var chunk in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            first ??= chunk;
            if (data.Length + chunk.Data.Length > MemberImporter.MaxFileBytes)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"The file is larger than {MemberImporter.MaxFileBytes / (1024 * 1024)} MiB; larger member sets come from central as a snapshot."));
            }

            chunk.Data.WriteTo(data);
        }

        if (first is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "No file was sent."));
        }

        var format = first.Format switch
        {
            ImportFormat.Csv => MemberFileFormat.Csv,
            ImportFormat.Json => MemberFileFormat.Json,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "format must be IMPORT_FORMAT_CSV or IMPORT_FORMAT_JSON.")),
        };
        var request = new MemberImportRequest(format, first.DryRun, first.Encoding, first.FileName);
        var result = await Task.Run(() => importer.Import(data.GetBuffer().AsSpan(0, (int)data.Length), request), context.CancellationToken).ConfigureAwait(false);
        return ToResponse(result);
    }

    public override async Task<ImportStaffResponse> ImportStaff(ImportStaffRequest request, ServerCallContext context)
    {
        if (request.Data.Length > Staff.Import.StaffImporter.MaxFileBytes)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"A staff file is at most {Staff.Import.StaffImporter.MaxFileBytes / 1024} KiB."));
        }

        var format = request.Format switch
        {
            ImportFormat.Csv => MemberFileFormat.Csv,
            ImportFormat.Json => MemberFileFormat.Json,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "format must be IMPORT_FORMAT_CSV or IMPORT_FORMAT_JSON.")),
        };
        var result = await Task.Run(() => staffImporter.Import(request.Data.Span, format, request.DryRun, request.Encoding), context.CancellationToken).ConfigureAwait(false);
        var response = new ImportStaffResponse
        {
            Applied = result.Applied,
            DryRun = result.DryRun,
            Staff = result.Staff,
            ProblemCount = result.ProblemCount,
            StaffOnKiosk = result.StaffOnKiosk,
        };
        response.Problems.AddRange(result.Problems.Take(MaxProblemsReturned).Select(p => new Contracts.V1.ImportProblem { Line = p.Line, Field = p.Field, Message = p.Message, MemberIndex = -1 }));
        return response;
    }

    private static ImportMembersResponse ToResponse(MemberImportResult result)
    {
        var response = new ImportMembersResponse
        {
            Applied = result.Applied,
            DryRun = result.DryRun,
            Members = result.Members,
            Cards = result.Cards,
            Levels = result.Levels,
            Gifts = result.Gifts,
            ProblemCount = result.ProblemCount,
            CachedMembers = result.CachedMembers,
            ElapsedMs = (int)Math.Min(int.MaxValue, result.Elapsed.TotalMilliseconds),
        };
        response.Problems.AddRange(result.Problems.Take(MaxProblemsReturned).Select(p => new Contracts.V1.ImportProblem
        {
            Line = p.Line,
            Field = p.Field,
            Message = p.Message,
            MemberNumber = p.MemberNumber,
            MemberIndex = p.MemberIndex,
        }));
        return response;
    }
}
