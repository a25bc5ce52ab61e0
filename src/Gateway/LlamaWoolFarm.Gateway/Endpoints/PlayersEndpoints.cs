using System.Text.Json;
using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary>
/// <c>/api/v1/players</c>: the player's own profile and friends, answered by the accounts worker; deleting the
/// account (the accounts worker's deletion saga) and exporting everything stored about the player (every owner).
/// </summary>
public static class PlayersEndpoints
{
    public static RouteGroupBuilder MapPlayers(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/players/me").WithTags("players");
        me.MapGet(string.Empty, ProfileAsync)
            .WithSummary("The player's profile: display name, friend code, sign-in methods.")
            .Answers<PlayerProfile>()
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound);
        me.MapPatch(string.Empty, PatchAsync).Validate<ProfilePatchRequest>()
            .WithSummary("Change the display name.")
            .Answers<PlayerProfile>()
            .Refuses(StatusCodes.Status400BadRequest, AccountErrorCodes.ValidationError)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status409Conflict, AccountErrorCodes.DisplayNameTaken);
        me.MapGet("/friends", FriendsAsync)
            .WithSummary("The player's friends.")
            .Answers<FriendList>();
        me.MapPost("/friends", AddFriendAsync).Validate<AddFriendRequest>()
            .WithSummary("Add a friend by player id or friend code.")
            .Answers<FriendList>()
            .Refuses(StatusCodes.Status400BadRequest, AccountErrorCodes.ValidationError)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.FriendNotFound, AccountErrorCodes.AccountNotFound);
        me.MapDelete("/friends/{friendId:guid}", RemoveFriendAsync)
            .WithSummary("Remove a friend (answers the list either way).")
            .Answers<FriendList>();
        me.MapDelete(string.Empty, DeleteAsync)
            .WithSummary("Delete the account after a grace period; signing in before its end cancels the deletion.")
            .Answers<AccountDeletionView>(StatusCodes.Status202Accepted)
            .Refuses(StatusCodes.Status404NotFound, AccountErrorCodes.AccountNotFound)
            .Refuses(StatusCodes.Status410Gone, AccountErrorCodes.AccountDeleted);
        me.MapGet("/export", ExportAsync)
            .WithSummary("Everything stored about the player, from every owner (GDPR export).")
            .Answers<PlayerExportView>();
        return api;
    }

    /// <summary>Starts the grace period of the account's deletion (202); signing in before its end cancels it.</summary>
    private static async Task<IResult> DeleteAsync(HttpContext context, IRequestClient<RequestAccountDeletion> accounts)
    {
        // However the body is framed (Content-Length or chunked), a DELETE that carries one is refused.
        if (await RequestBody.IsPresentAsync(context.Request, context.RequestAborted))
        {
            return ApiResults.Error(context, StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "DELETE players/me takes no body.");
        }

        var response = await accounts.GetResponse<AccountDeletionScheduled, AccountRefused>(
            new RequestAccountDeletion(context.User.PlayerId(), context.TraceIdentifier), context.RequestAborted);
        if (response.Is(out Response<AccountDeletionScheduled>? scheduled))
        {
            var s = scheduled.Message;
            return ApiResults.Ok(context, new AccountDeletionView(s.DeletionId, s.RequestedAt, s.PurgeAt, s.Replayed), StatusCodes.Status202Accepted);
        }

        return Answer(context, response);
    }

    /// <summary>Everything stored about the player, gathered from every owner; 503 when one of them does not answer.</summary>
    private static async Task<IResult> ExportAsync(HttpContext context, IRequestClient<ExportPlayerData> owners, TimeProvider clock)
    {
        var playerId = context.User.PlayerId();
        var parts = await Task.WhenAll(PlayerDataParts.Exported.Select(part =>
            owners.GetResponse<PlayerDataExport>(new ExportPlayerData(playerId, part), context.RequestAborted)));
        var data = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var part in parts.Select(p => p.Message))
        {
            using var document = JsonDocument.Parse(part.Json);
            data[part.Part] = document.RootElement.Clone();
        }

        return ApiResults.Ok(context, new PlayerExportView(playerId, clock.GetUtcNow(), data));
    }

    private static async Task<IResult> ProfileAsync(HttpContext context, IRequestClient<GetProfile> accounts)
    {
        var response = await accounts.GetResponse<PlayerProfile, AccountRefused>(new GetProfile(context.User.PlayerId()), context.RequestAborted);
        return Answer(context, response);
    }

    private static async Task<IResult> PatchAsync(ProfilePatchRequest request, HttpContext context, IRequestClient<UpdateProfile> accounts)
    {
        var response = await accounts.GetResponse<PlayerProfile, AccountRefused>(
            new UpdateProfile(context.User.PlayerId(), request.DisplayName, context.TraceIdentifier), context.RequestAborted);
        return Answer(context, response);
    }

    private static async Task<IResult> FriendsAsync(HttpContext context, IRequestClient<GetFriends> accounts)
    {
        var response = await accounts.GetResponse<FriendList>(new GetFriends(context.User.PlayerId()), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static async Task<IResult> AddFriendAsync(AddFriendRequest request, HttpContext context, IRequestClient<AddFriend> accounts)
    {
        var response = await accounts.GetResponse<FriendList, AccountRefused>(
            new AddFriend(context.User.PlayerId(), request.FriendId, request.FriendCode, context.TraceIdentifier), context.RequestAborted);
        return Answer(context, response);
    }

    private static async Task<IResult> RemoveFriendAsync(Guid friendId, HttpContext context, IRequestClient<RemoveFriend> accounts)
    {
        var response = await accounts.GetResponse<FriendList>(new RemoveFriend(context.User.PlayerId(), friendId, context.TraceIdentifier), context.RequestAborted);
        return ApiResults.Ok(context, response.Message);
    }

    private static IResult Answer<T>(HttpContext context, Response<T, AccountRefused> response)
        where T : class =>
        response.Is(out Response<T>? ok)
            ? ApiResults.Ok(context, ok.Message)
            : response.Is(out Response<AccountRefused>? refused)
                ? AccountRefusals.ToResult(context, refused.Message)
                : ApiResults.Error(context, StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "Unexpected answer from the accounts service.");
}
