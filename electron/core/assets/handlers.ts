import type { assetChannels } from '../../../shared/contract/assets';
import type { HandlerMap } from '../handler-types';
import { exportAssets, importAssets } from './excel';
import { deleteAsset, deleteCredential, getAsset, listAssets, listCredentials, saveAsset, saveCredential } from './service';

export const assetHandlers = {
  'assets/list': (ctx, input) => listAssets(ctx, input.search),
  'assets/get': (ctx, input) => getAsset(ctx, input.id),
  'assets/save': (ctx, input) => saveAsset(ctx, input),
  'assets/delete': (ctx, input) => deleteAsset(ctx, input.id),
  'assets/import': (ctx, input) => importAssets(ctx, input.dataBase64),
  'assets/export': (ctx) => exportAssets(ctx),
  'assets/credentials': (ctx) => listCredentials(ctx),
  'assets/credential-save': (ctx, input) => saveCredential(ctx, input),
  'assets/credential-delete': (ctx, input) => deleteCredential(ctx, input.id),
} satisfies HandlerMap<typeof assetChannels>;
