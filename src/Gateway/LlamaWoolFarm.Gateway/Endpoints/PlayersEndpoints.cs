using LlamaWoolFarm.Contracts.Accounts;
using LlamaWoolFarm.Contracts.Players;
using LlamaWoolFarm.Gateway.Api;
using LlamaWoolFarm.Gateway.Auth;
using LlamaWoolFarm.Gateway.Requests;
using MassTransit;

namespace LlamaWoolFarm.Gateway.Endpoints;

/// <summary><c>/api/v1/players</c>: the player's own profile and friends, answered by the accounts worker.</summary>
public static class PlayersEndpoints
{
    public static RouteGroupBuilder MapPlayers(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/players/me").WithTags("players");
        me.MapGet(string.Empty, ProfileAsync);
        me.MapPatch(string.Empty, PatchAsync).Validate<ProfilePatchRequest>();
        me.MapGet("/friends", FriendsAsync);
        me.MapPost("/friends", AddFriendAsync).Validate<AddFriendRequest>();
        me.MapDelete("/friends/{friendId:guid}", RemoveFriendAsync);
        return api;
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
