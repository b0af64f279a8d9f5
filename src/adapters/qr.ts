/** QR code pictures (PNG) of a link, for QR-code simulation templates; drawn by the qrcode package. */
import QRCode from 'qrcode';

export async function qrPng(link: string): Promise<Uint8Array> {
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
}
