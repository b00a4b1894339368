// DanVan on Azure: storage (blobs + tables), monitoring, a Flex Consumption Function App with a
// system-assigned identity (no connection-string secrets), and Event Grid delivering uploads to the
// blob trigger. Plain resources only: registry modules (br/public:) cannot be fetched where this is built.
targetScope = 'resourceGroup'

@description('Azure region. Southeast Asia is the closest region to Quảng Ngãi that offers Flex Consumption.')
param location string = resourceGroup().location

@description('Lower-case prefix for resource names (letters and digits, 3-10 chars).')
@minLength(3)
@maxLength(10)
param namePrefix string = 'danvan'

@description('Storage redundancy. ZRS survives a zone outage; LRS is cheapest for trials.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_RAGRS'])
param storageSku string = 'Standard_ZRS'

@description('.NET isolated worker version. The app targets net10.0; 8.0 only after retargeting the project (see README).')
@allowed(['8.0', '10.0'])
param dotnetVersion string = '10.0'

@description('Flex Consumption scale-out ceiling.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption instance memory (MB). Workbooks at national scale need 2048.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('CRON (UTC, six fields) for consolidation after deadlines: 18:00 UTC = 01:00 Vietnam time (UTC+7).')
param consolidationSchedule string = '0 0 18 * * *'

@description('CRON (UTC, six fields) for the nightly re-consolidation of open periods: 19:30 UTC = 02:30 Vietnam time.')
param nightlySchedule string = '0 30 19 * * *'

@description('Consolidation of quarters with newly accepted reports (late and corrected ones included), UTC.')
param pendingSchedule string = '0 */5 * * * *'

@description('How often uploads without an answer are looked for and ingested (reconciliation).')
param reconcileSchedule string = '0 */1 * * * *'

@description('When reminders due (days before and after a deadline, seeds/regime) are recorded: 08:00 Vietnam time daily.')
param reminderSchedule string = '0 0 1 * * *'

@description('Days of time-based immutability on archive/ (0 = none). The policy is left unlocked; locking is a deliberate manual step.')
@minValue(0)
@maxValue(146000)
param archiveRetentionDays int = 0

@description('Shared-key (account key / SAS) access. Off: every caller, including the app, uses Entra ID.')
param allowSharedKeyAccess bool = false

@description('Second step: create the Event Grid subscription to the blob-trigger webhook. Needs the code deployed first (README).')
param subscribeUploads bool = false

@description('Log Analytics retention (days).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = take(toLower('${namePrefix}${suffix}'), 24)
var functionAppName = '${namePrefix}-func-${suffix}'
var deploymentContainer = 'app-package'
var deadLetterContainer = 'eventgrid-deadletter'

// Containers of the design (docs/system-contract.md §4) plus the Flex deployment package and Event Grid dead letters.
var containers = ['uploads', 'archive', 'feedback', 'published', deploymentContainer, deadLetterContainer]
var tables = ['Submissions', 'Values', 'Aggregates', 'Audit', 'CurrentVersions', 'Reopenings', 'AccessKeys', 'PendingConsolidations', 'UploadReceipts', 'Sessions']
// The portal names each upload on this queue so ingestion never waits for a container scan.
var queues = ['ingest-requests']

// Built-in role definition ids (stable across tenants).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

// ---------- Storage ----------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: storageSku }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: allowSharedKeyAccess
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
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

// archive/ holds every received file by content hash and is never rewritten; a time-based (WORM) policy
// makes that a storage guarantee. Unlocked so it can still be shortened or removed; lock it by hand in production.
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
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from Entra ID callers (the app's identity), not from anyone holding the key.
    DisableLocalAuth: true
  }
}

// ---------- Function App (Flex Consumption, Linux) ----------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
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
      // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_EXTENSION_VERSION: runtime is set above.
      appSettings: [
        // Host storage (leases, timer status, blob-trigger receipts) through the identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        // The app's data connection, identity-based: the blob trigger and the Azure SDK clients.
        { name: 'DanVanStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'DanVanStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'DanVanStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
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

// The app's identity gets data-plane roles instead of keys: blobs (owner: the host manages its own
// containers and leases), tables, and queues (blob-trigger poison queue, host internals).
var appRoles = [roles.storageBlobDataOwner, roles.storageTableDataContributor, roles.storageQueueDataContributor]

resource appStorageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoles: {
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

// ---------- Event Grid: uploads/ -> blob trigger ----------

resource uploadsTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${namePrefix}-storage-events-${suffix}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// The topic writes undeliverable events to eventgrid-deadletter/ with its own identity: nothing dropped silently.
resource topicDeadLetterRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, uploadsTopic.id, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: uploadsTopic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The blobs_extension system key exists only once the deployed code has started with the blob extension,
// hence the second step (subscribeUploads=true). Event Grid also validates the webhook when subscribing.
// The key is read at deployment time (listKeys) and never appears in parameters, outputs or the repository.
var blobsExtensionKeyPath = '${functionApp.id}/host/default'

resource uploadsSubscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribeUploads) {
  parent: uploadsTopic
  name: 'uploads-to-ingest'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.IngestUpload&code=${listKeys(blobsExtensionKeyPath, '2024-04-01').systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/uploads/blobs/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
  dependsOn: [topicDeadLetterRole, blobContainers]
}

output functionAppName string = functionApp.name
output functionAppHostName string = functionApp.properties.defaultHostName
output storageAccountName string = storage.name
output blobServiceUri string = storage.properties.primaryEndpoints.blob
output eventGridSystemTopicName string = uploadsTopic.name
output uploadsSubscriptionCreated bool = subscribeUploads
