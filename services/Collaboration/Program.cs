using Platform.Collaboration;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddCollaborationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapCollaborationApi();

app.Run();
