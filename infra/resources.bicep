// Everything DanVan runs on, in the resource group main.bicep creates: storage (blobs, tables, queues), monitoring,
// a Key Vault key wrapping the portal's data-protection keys, a Flex Consumption Function App (.NET isolated) with a
// system-assigned identity (no connection-string secrets), and the Event Grid system topic whose subscription the
// postdeploy hook creates once the code runs (infra/hooks/postdeploy.sh).
targetScope = 'resourceGroup'

param environmentName string
param location string
param principalId string
param principalType string
param allowedIpRanges string
param storageSku string
param dotnetVersion string
param maximumInstanceCount int
param instanceMemoryMB int
param archiveRetentionDays int
param logRetentionDays int

@description('CRON (UTC, six fields) for consolidation after deadlines: 18:00 UTC = 01:00 Vietnam time (UTC+7).')
param consolidationSchedule string = '0 0 18 * * *'

@description('CRON (UTC) for the nightly re-consolidation of open periods: 19:30 UTC = 02:30 Vietnam time.')
param nightlySchedule string = '0 30 19 * * *'

@description('Consolidation of quarters with newly accepted reports (late and corrected ones included), UTC.')
param pendingSchedule string = '0 */5 * * * *'

@description('How often uploads without an answer are looked for and ingested (reconciliation).')
param reconcileSchedule string = '0 */1 * * * *'

@description('When reminders due are recorded: 08:00 Vietnam time daily.')
param reminderSchedule string = '0 0 1 * * *'

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var storageName = take('stdanvan${resourceToken}', 24)
var functionAppName = 'func-danvan-${resourceToken}'
var keyVaultName = take('kv-danvan-${resourceToken}', 24)

var deploymentContainer = 'app-package'
var deadLetterContainer = 'eventgrid-deadletter'
var dataProtectionContainer = 'portal-keys'
var dataProtectionKeyName = 'portal-dataprotection'

// Every container, table and queue the code uses (src/DanVan.Pipeline/Storage/StorageNames.cs; checked by
// tests/DanVan.Host.Tests/Deployment), plus the Flex deployment package, Event Grid dead letters and the
// portal's data-protection key ring.
var containers = ['uploads', 'archive', 'feedback', 'published', dataProtectionContainer, deploymentContainer, deadLetterContainer]
var tables = ['Submissions', 'Values', 'CurrentVersions', 'Aggregates', 'Audit', 'Reopenings', 'PendingConsolidations', 'AccessKeys', 'UploadReceipts', 'Sessions']
// ingest-requests: the portal names each upload there. Its poison queue and the blob trigger's are declared so they
// exist (and are visible) before the first failure.
var queues = ['ingest-requests', 'ingest-requests-poison', 'webjobs-blobtrigger-poison']

var portalRanges = filter(map(split(allowedIpRanges, ','), r => trim(r)), r => !empty(r))

// Built-in role definition ids (stable across tenants).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultCryptoServiceEncryptionUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6'
}

// ---------- Storage ----------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  sku: { name: storageSku }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Entra ID only: the app, the operator's `danvan` and Event Grid all use identities; no account key anywhere.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint, Entra ID required. Denying public access would need VNet integration of the Flex app
    // (docs/deploy-azure.md, "Network restriction"); allowedIpRanges restricts the portal instead.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Soft delete: an operator's mistaken delete in uploads/ or published/ can be undone for 14 days.
    deleteRetentionPolicy: { enabled: true, days: 14 }
    containerDeleteRetentionPolicy: { enabled: true, days: 14 }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containers: {
    parent: blobService
    name: name
    properties: { publicAccess: 'None' }
  }
]

// archive/ holds every received file by content hash and is never rewritten; a time-based (WORM) policy makes that a
// storage guarantee. Unlocked so it can still be shortened or removed; lock it by hand in production.
resource archiveImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = if (archiveRetentionDays > 0) {
  name: '${storage.name}/default/archive/default'
  properties: {
    immutabilityPeriodSinceCreationInDays: archiveRetentionDays
    allowProtectedAppendWrites: false
  }
  dependsOn: [blobContainers]
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tables: {
    parent: tableService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in queues: {
    parent: queueService
    name: name
  }
]

// ---------- Monitoring ----------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-danvan-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-danvan-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from Entra ID callers (the app's identity), not from anyone holding the key.
    DisableLocalAuth: true
  }
}

// Storage logs (reads, writes, deletes) and transaction metrics of each service go to the workspace: who touched
// which blob or table, and the 403s of a missing role, are queryable (StorageBlobLogs, StorageTableLogs, StorageQueueLogs).
var storageLogs = [
  { category: 'StorageRead', enabled: true }
  { category: 'StorageWrite', enabled: true }
  { category: 'StorageDelete', enabled: true }
]
var storageMetrics = [{ category: 'Transaction', enabled: true }]

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: { workspaceId: logs.id, logs: storageLogs, metrics: storageMetrics }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: { workspaceId: logs.id, logs: storageLogs, metrics: storageMetrics }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: { workspaceId: logs.id, logs: storageLogs, metrics: storageMetrics }
}

// ---------- Key Vault: wraps the portal's data-protection keys ----------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    // Azure RBAC, no access policies: the app's identity gets one role on one key.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Losing this key logs everyone out (the key ring cannot be unwrapped); no data is lost. Soft delete keeps it 7 days.
resource dataProtectionKey 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: dataProtectionKeyName
  properties: {
    kty: 'RSA'
    keySize: 2048
    keyOps: ['wrapKey', 'unwrapKey']
  }
}

// ---------- Function App (Flex Consumption, Linux) ----------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-danvan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

// Event Grid must always reach /runtime/webhooks/blobs; the listed ranges reach the portal. No list: no restriction.
var eventGridRule = [
  {
    name: 'event-grid'
    ipAddress: 'AzureEventGrid'
    tag: 'ServiceTag'
    action: 'Allow'
    priority: 100
  }
]
var portalRules = [
  for (range, i) in portalRanges: {
    name: 'portal-${i}'
    ipAddress: range
    action: 'Allow'
    priority: 200 + i
  }
]

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  // azd deploys the `functions` service of azure.yaml to the resource carrying this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      ipSecurityRestrictions: empty(portalRanges) ? [] : concat(eventGridRule, portalRules)
      ipSecurityRestrictionsDefaultAction: empty(portalRanges) ? 'Allow' : 'Deny'
      // Deployment (azd deploy) goes through the scm site, which requires Entra ID; keep it reachable from the operator.
      scmIpSecurityRestrictionsUseMain: false
      // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: runtime is set above.
      appSettings: [
        // Host storage (leases, timer status, blob-trigger receipts) through the identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        // The app's data connection, identity-based: the triggers and the Azure SDK clients.
        { name: 'DanVanStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'DanVanStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'DanVanStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        // The portal answers at the site's root: no Functions welcome page there.
        { name: 'AzureWebJobsDisableHomepage', value: 'true' }
        // Data-protection keys (sessions, anti-forgery) live in portal-keys/, wrapped by this key (versionless URI).
        { name: 'DanVan__Portal__KeyVaultKeyUri', value: dataProtectionKey.properties.keyUri }
        // Timer CRONs; on Linux '__' stands for ':' so %DanVan:ConsolidationSchedule% resolves to these.
        { name: 'DanVan__ConsolidationSchedule', value: consolidationSchedule }
        { name: 'DanVan__NightlySchedule', value: nightlySchedule }
        { name: 'DanVan__PendingSchedule', value: pendingSchedule }
        { name: 'DanVan__ReconcileSchedule', value: reconcileSchedule }
        { name: 'DanVan__ReminderSchedule', value: reminderSchedule }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
      ]
    }
  }
}

// ---------- Roles ----------

// The app's identity. Account scope, because the code creates what it uses on demand (DanVanStorage.EnsureCreatedAsync:
// Create Table is a call on the account's /Tables, not on a table) and the Functions host keeps its own containers
// (azure-webjobs-hosts, azure-webjobs-secrets) and poison queues next to the data. Blob Data Owner is what the host
// storage and the blob trigger require.
var appStorageRoles = [roles.storageBlobDataOwner, roles.storageTableDataContributor, roles.storageQueueDataContributor]

resource appStorageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    name: guid(storage.id, functionApp.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: functionApp.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appTelemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, functionApp.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Wrap and unwrap (and read the public part) of this one key; nothing else in the vault.
resource appKeyRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataProtectionKey.id, functionApp.id, roles.keyVaultCryptoServiceEncryptionUser)
  scope: dataProtectionKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultCryptoServiceEncryptionUser)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The person (or pipeline) running azd: only the AccessKeys table, enough for `danvan keys issue|list|revoke`
// to issue the first keys. Further operators get their roles by hand (docs/deploy-azure.md).
resource accessKeysTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' existing = {
  parent: tableService
  name: 'AccessKeys'
}

resource deployerKeysRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(storage.id, 'AccessKeys', principalId, roles.storageTableDataContributor)
  scope: accessKeysTable
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: principalId
    principalType: principalType
  }
  dependsOn: [storageTables]
}

// ---------- Event Grid: uploads/ -> blob trigger ----------

// The subscription is created by the postdeploy hook: its webhook needs the blobs_extension key, which exists
// only once the deployed code runs.
resource uploadsTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-danvan-${resourceToken}'
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterBlobs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' existing = {
  parent: blobService
  name: deadLetterContainer
}

// The topic writes undeliverable events to eventgrid-deadletter/ with its own identity, and only there.
resource topicDeadLetterRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, uploadsTopic.id, deadLetterContainer, roles.storageBlobDataContributor)
  scope: deadLetterBlobs
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: uploadsTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [blobContainers]
}

output storageAccountName string = storage.name
output storageAccountId string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output functionAppName string = functionApp.name
output functionAppUri string = 'https://${functionApp.properties.defaultHostName}'
output systemTopicName string = uploadsTopic.name
output systemTopicId string = uploadsTopic.id
output deadLetterContainer string = deadLetterContainer
output keyVaultName string = vault.name
output dataProtectionKeyUri string = dataProtectionKey.properties.keyUri
output appInsightsName string = appInsights.name
